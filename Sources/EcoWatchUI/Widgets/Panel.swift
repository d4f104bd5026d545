import EcoWatchCore
/// A box with a title in its top border: the frame of every pane.
///
/// The focused panel is drawn with heavy lines in the `focus` slot, so focus shows on a
/// monochrome terminal and a projector too.
public struct Panel: Hashable, Sendable {
    public var title: String
    public var focused: Bool
    /// Text at the right of the top border (a count, a date), in `muted`.
    public var trailing: String

    public init(title: String, focused: Bool = false, trailing: String = "") {
        self.title = title
        self.focused = focused
        self.trailing = trailing
    }

    /// The columns the title may take in a border `width` wide, the trailing text kept whole
    /// up to half the border (a longer title is cut with …).
    public func titleRoom(width: Int) -> Int {
        let room = width - 4
        let reserve = trailing.isEmpty ? 0 : min(displayWidth(trailing) + 3, room / 2)
        return max(0, room - 2 - reserve)
    }

    /// Whether the whole title fits in a border `width` wide beside the trailing text.
    public func titleFits(width: Int) -> Bool { displayWidth(title) <= titleRoom(width: width) }

    /// The area inside a panel's border.
    public static func inner(_ area: Rect) -> Rect { area.inset(1) }

    /// Clears `area`, draws the border and title, and returns the inner rectangle.
    @discardableResult
    public func render(into canvas: inout Canvas, area: Rect) -> Rect {
        let area = area.intersection(canvas.bounds)
        guard area.width >= 2, area.height >= 2 else {
            canvas.fill(area)
            return Rect(x: area.x, y: area.y, width: 0, height: 0)
        }
        let glyphs = focused ? BoxGlyphs.heavy : BoxGlyphs.light
        let style = focused ? Style(.focus, bold: true) : Style(.border)
        canvas.fill(area)
        let horizontal = String(repeating: glyphs.horizontal, count: area.width - 2)
        canvas.put(glyphs.topLeft + horizontal + glyphs.topRight, x: area.x, y: area.y, style: style, clip: area)
        canvas.put(glyphs.bottomLeft + horizontal + glyphs.bottomRight, x: area.x, y: area.maxY - 1,
                   style: style, clip: area)
        for y in (area.y + 1)..<(area.maxY - 1) {
            canvas.put(glyphs.vertical, x: area.x, y: y, style: style, clip: area)
            canvas.put(glyphs.vertical, x: area.maxX - 1, y: y, style: style, clip: area)
        }
        // Title: " title " from the third column; trailing text right-aligned. A long title is
        // cut (with …) to keep the trailing text whole, up to half the border.
        let room = area.width - 4
        if room > 2, !title.isEmpty {
            let titleStyle = focused ? Style(.focus, bold: true) : Style(.text, bold: true)
            let text = " " + truncated(title, toWidth: titleRoom(width: area.width)) + " "
            let end = canvas.put(text, x: area.x + 2, y: area.y, style: titleStyle, clip: area)
            let left = area.maxX - 2 - end - 1
            if !trailing.isEmpty, left > 3 {
                let tail = " " + truncated(trailing, toWidth: left - 2) + " "
                canvas.put(tail, x: area.maxX - 2 - displayWidth(tail), y: area.y, style: Style(.muted), clip: area)
            }
        }
        return Panel.inner(area)
    }
}

/// The box-drawing characters of one border weight.
struct BoxGlyphs {
    let horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String

    static let light = BoxGlyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
                                 bottomLeft: "└", bottomRight: "┘")
    static let heavy = BoxGlyphs(horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓",
                                 bottomLeft: "┗", bottomRight: "┛")
    static let double = BoxGlyphs(horizontal: "═", vertical: "║", topLeft: "╔", topRight: "╗",
                                  bottomLeft: "╚", bottomRight: "╝")
}
