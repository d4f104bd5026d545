import CNcursesw
import EcoWatchUI

/// Turns what `get_wch` reads into keys. Mouse and resize need the screen and are decoded
/// there; everything else is here.
enum KeyDecoder {
    /// A character read (`get_wch` returned OK): control codes become keys, the rest
    /// (Chinese included) `.character`. Nil for codes the console does not use.
    static func key(character code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26:
            return .control(Character(Unicode.Scalar(UInt8(code) + 0x60)))   // 1 → "a"
        case 0..<32, 128..<160:
            return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// A key code (`get_wch` returned KEY_CODE_YES), other than KEY_MOUSE and KEY_RESIZE.
    static func key(code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_HOME, KEY_A1, KEY_BEG: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case ew_key_f(1)...ew_key_f(63): return .function(Int(code - ew_key_f(0)))
        default: return nil
        }
    }
}
