import CNcursesw
import EcoWatchUI
import Testing
@testable import EcoWatchTerminal

@Suite("KeyDecoder")
struct KeyDecoderTests {
    @Test func controlCodes() {
        #expect(KeyDecoder.key(character: 9) == .tab)
        #expect(KeyDecoder.key(character: 10) == .enter)
        #expect(KeyDecoder.key(character: 13) == .enter)
        #expect(KeyDecoder.key(character: 27) == .escape)
        #expect(KeyDecoder.key(character: 127) == .backspace)
        #expect(KeyDecoder.key(character: 8) == .backspace)
        #expect(KeyDecoder.key(character: 12) == .control("l"))
        #expect(KeyDecoder.key(character: 1) == .control("a"))
        #expect(KeyDecoder.key(character: 26) == .control("z"))
        #expect(KeyDecoder.key(character: 0) == nil)
    }

    @Test func printableCharactersIncludingChinese() {
        #expect(KeyDecoder.key(character: UInt32(UInt8(ascii: "j"))) == .character("j"))
        #expect(KeyDecoder.key(character: 0x5B81) == .character("宁"))
        #expect(KeyDecoder.key(character: 0xD800) == nil)   // not a scalar
    }

    @Test func keyCodes() {
        #expect(KeyDecoder.key(code: KEY_UP) == .up)
        #expect(KeyDecoder.key(code: KEY_BTAB) == .backTab)
        #expect(KeyDecoder.key(code: KEY_ENTER) == .enter)
        #expect(KeyDecoder.key(code: KEY_BACKSPACE) == .backspace)
        #expect(KeyDecoder.key(code: KEY_DC) == .delete)
        #expect(KeyDecoder.key(code: KEY_PPAGE) == .pageUp)
        #expect(KeyDecoder.key(code: KEY_END) == .end)
        #expect(KeyDecoder.key(code: ew_key_f(5)) == .function(5))
        #expect(KeyDecoder.key(code: KEY_MOUSE) == nil)
    }
}
