/// A key as the console understands it, whatever terminal produced it.
public enum Key: Hashable, Sendable {
    /// A printable character (Chinese included, from an input method or a paste).
    case character(Character)
    /// Ctrl with a letter: `.control("l")` is Ctrl-L.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, delete
    case tab, backTab
    case function(Int)
}

/// Something the terminal reports to the console.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    /// A mouse button pressed at a cell (0-based column and row).
    case click(x: Int, y: Int)
    /// The terminal is now this many columns and rows.
    case resize(width: Int, height: Int)
}
