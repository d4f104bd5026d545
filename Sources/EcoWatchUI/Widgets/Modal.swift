import EcoWatchCore
/// A box centred over what is already drawn: the help overlay and messages.
///
/// It takes the size its lines need (plus a border and one column of padding each side), no
/// more than the area, and clears what is beneath it.
public struct Modal: Hashable, Sendable {
    public var title: String
    public var lines: [TextLine]
    /// A line at the bottom (`Press any key to close`), in `muted`.
    public var footer: String

    public init(title: String, lines: [TextLine], footer: String = "") {
        self.title = title
        self.lines = lines
        self.footer = footer
    }

    /// A rectangle of `width` × `height` centred in `area` (shrunk to fit).
    public static func centered(width: Int, height: Int, in area: Rect) -> Rect {
        let w = min(width, area.width), h = min(height, area.height)
        return Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
    }

    /// Draws the box centred in `area` and returns its rectangle.
    @discardableResult
    public func render(into canvas: inout Canvas, area: Rect) -> Rect {
        let contentWidth = max(lines.map(\.width).max() ?? 0, displayWidth(title) + 2, displayWidth(footer))
        let rows = lines.count + (footer.isEmpty ? 0 : 2)
        let box = Modal.centered(width: contentWidth + 4, height: rows + 2, in: area.intersection(canvas.bounds))
        guard !box.isEmpty else { return box }
        let inner = Panel(title: title, focused: true).render(into: &canvas, area: box)
        let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        let room = content.height - (footer.isEmpty ? 0 : 1)
        for (i, line) in lines.enumerated() where i < room {
            line.render(into: &canvas, area: Rect(x: content.x, y: content.y + i, width: content.width, height: 1))
        }
        if !footer.isEmpty, content.height > 0 {
            TextLine(footer, style: Style(.muted), alignment: .center)
                .render(into: &canvas, area: Rect(x: content.x, y: content.maxY - 1, width: content.width, height: 1))
        }
        return box
    }
}
