import EcoWatchCore

/// One terminal cell: a grapheme cluster, its display width and its style.
///
/// A wide (two-column) character occupies its cell with `width == 2`; the cell to its right is
/// a continuation cell (`text` empty, `width == 0`) that the backend never draws.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var width: UInt8
    public var style: Style

    public init(text: String = " ", width: UInt8 = 1, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { width == 0 }
}

/// A rectangle on the canvas, in cells.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The part of `self` inside `other`.
    public func intersection(_ other: Rect) -> Rect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        return Rect(x: x0, y: y0, width: min(maxX, other.maxX) - x0, height: min(maxY, other.maxY) - y0)
    }

    /// `self` shrunk by `by` cells on every side.
    public func inset(_ by: Int) -> Rect {
        Rect(x: x + by, y: y + by, width: width - 2 * by, height: height - 2 * by)
    }
}

/// A grid of cells that screens draw into and the backend diffs onto the terminal.
/// Drawing clips to the canvas (and to an optional rectangle) and never splits a wide character.
public struct Canvas: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Fills `rect` (clipped) with blanks in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .plain, with text: String = " ") {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            // A wide character cut by the rectangle's edge loses its other half too.
            clearWide(atX: r.x, y: y)
            clearWide(atX: r.maxX - 1, y: y)
            for x in r.x..<r.maxX { self[x, y] = Cell(text: text, width: 1, style: style) }
        }
    }

    /// Changes the style of every cell in `rect` (clipped), keeping the text:
    /// how a table highlights its selected row.
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { change(&cells[y * width + x].style) }
        }
    }

    /// Writes `text` from (`x`, `y`) in `style`, clipped to `clip` (default: the whole canvas).
    /// A wide character that would straddle the clip's right edge is replaced by a space.
    /// Returns the column after the last character written (or that would have been).
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        var column = x
        guard y >= area.y, y < area.maxY else { return x + displayWidth(text) }
        for character in text {
            let w = displayWidth(of: character)
            if w == 0 { continue }
            if column >= area.x, column + w <= area.maxX {
                clearWide(atX: column, y: y)
                if w == 2 { clearWide(atX: column + 1, y: y) }
                self[column, y] = Cell(text: String(character), width: UInt8(w), style: style)
                if w == 2 { self[column + 1, y] = Cell(text: "", width: 0, style: style) }
            } else if column >= area.x, column < area.maxX {
                // A wide character cut by the right edge: show a space instead of half of it.
                clearWide(atX: column, y: y)
                self[column, y] = Cell(text: " ", width: 1, style: style)
            } else if column < area.x, column + w > area.x, area.x < area.maxX {
                // A wide character cut by the left edge: likewise.
                clearWide(atX: area.x, y: y)
                self[area.x, y] = Cell(text: " ", width: 1, style: style)
            }
            column += w
        }
        return column
    }

    /// Before overwriting (x, y): if it is half of a wide character, blank the other half.
    private mutating func clearWide(atX x: Int, y: Int) {
        let cell = self[x, y]
        if cell.isContinuation, x > 0, self[x - 1, y].width == 2 {
            self[x - 1, y] = Cell(text: " ", width: 1, style: self[x - 1, y].style)
        } else if cell.width == 2, x + 1 < width {
            self[x + 1, y] = Cell(text: " ", width: 1, style: cell.style)
        }
    }

    /// The canvas as plain text, one line per row, trailing spaces kept (continuation cells
    /// contribute nothing, so each line's display width is exactly `width`).
    public var plainText: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for x in 0..<width { line += self[x, y].text }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
