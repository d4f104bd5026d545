import CNcursesw

/// ncurses colour pairs, allocated on first use and cached by (foreground, background).
///
/// Pair 0 is the terminal's default pair. When the terminal runs out of pairs, further
/// combinations fall back to pair 0 (still legible: attributes are kept).
final class ColourPairs {
    private struct Key: Hashable {
        var foreground: Int32
        var background: Int32
    }

    private var pairs: [Key: Int32] = [:]
    private var next: Int32 = 1
    private let limit: Int32
    /// Whether -1 (the terminal's default colour) may be used; else white on black stands in.
    private let defaultColours: Bool

    init(limit: Int32, defaultColours: Bool) {
        self.limit = limit
        self.defaultColours = defaultColours
    }

    /// The pair number for these colour numbers (-1: the terminal's default).
    func pair(foreground: Int32, background: Int32) -> Int32 {
        var key = Key(foreground: foreground, background: background)
        if !defaultColours {
            if key.foreground < 0 { key.foreground = COLOR_WHITE }
            if key.background < 0 { key.background = COLOR_BLACK }
        }
        if defaultColours, key.foreground < 0, key.background < 0 { return 0 }
        if let pair = pairs[key] { return pair }
        guard next < limit, init_extended_pair(next, key.foreground, key.background) == OK else { return 0 }
        pairs[key] = next
        next += 1
        return pairs[key]!
    }

    /// Forgets every pair (after a palette change); numbers are handed out again from 1.
    func reset() {
        pairs.removeAll(keepingCapacity: true)
        next = 1
    }
}
