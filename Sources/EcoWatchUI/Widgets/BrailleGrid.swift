import EcoWatchCore
/// A plotting surface of braille dots, two across and four down per cell, in layers: where two
/// layers share a cell, the higher one gives the cell its style.
struct BrailleGrid {
    let columns: Int
    let rows: Int
    private var bits: [UInt8]
    private var layers: [Int]

    init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        bits = Array(repeating: 0, count: self.columns * self.rows)
        layers = Array(repeating: -1, count: self.columns * self.rows)
    }

    var dotWidth: Int { columns * 2 }
    var dotHeight: Int { rows * 4 }

    /// Bit of the dot at (dx, dy) within a cell, in Unicode's braille numbering.
    private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    mutating func set(_ x: Int, _ y: Int, layer: Int) {
        guard x >= 0, x < dotWidth, y >= 0, y < dotHeight else { return }
        let index = (y / 4) * columns + x / 2
        bits[index] |= BrailleGrid.dotBits[x % 2][y % 4]
        layers[index] = max(layers[index], layer)
    }

    /// A straight line of dots; with `dashed`, every other pair of dots is left out.
    mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, layer: Int, dashed: Bool = false) {
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy, x = x0, y = y0, step = 0
        while true {
            if !dashed || step % 4 < 2 { set(x, y, layer: layer) }
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
            step += 1
        }
    }

    /// Whether the cell at (column, row) has any dot.
    func isSet(column: Int, row: Int) -> Bool { bits[row * columns + column] != 0 }

    /// Draws the dotted cells from (x, y), each in the style of its highest layer.
    func render(into canvas: inout Canvas, x: Int, y: Int, styles: [Style], clip: Rect) {
        for row in 0..<rows {
            for column in 0..<columns where bits[row * columns + column] != 0 {
                let scalar = Unicode.Scalar(0x2800 + UInt32(bits[row * columns + column]))!
                let layer = layers[row * columns + column]
                let style = styles[min(max(layer, 0), styles.count - 1)]
                canvas.put(String(Character(scalar)), x: x + column, y: y + row, style: style, clip: clip)
            }
        }
    }
}

/// The axes around a chart: value labels at the left against `┤`, and the first and last
/// x labels on the bottom row. Returns the plot's rectangle.
func drawChartFrame(into canvas: inout Canvas, area: Rect, yLabels: [(row: Int, text: String)],
                    xLabels: (String, String)) -> Rect {
    let labelWidth = yLabels.map { displayWidth($0.text) }.max() ?? 0
    let hasXAxis = area.height >= 3
    let plot = Rect(x: area.x + labelWidth + 1, y: area.y, width: area.width - labelWidth - 1,
                    height: area.height - (hasXAxis ? 1 : 0))
    guard !plot.isEmpty else { return plot }
    let axisStyle = Style(.border)
    for row in 0..<plot.height {
        let label = yLabels.first { $0.row == row }
        canvas.put(label == nil ? "│" : "┤", x: plot.x - 1, y: plot.y + row, style: axisStyle, clip: area)
        if let label {
            canvas.put(padded(label.text, toWidth: labelWidth, alignment: .right), x: area.x, y: plot.y + row,
                       style: Style(.muted), clip: area)
        }
    }
    if hasXAxis {
        let y = area.maxY - 1
        canvas.put("└", x: plot.x - 1, y: y, style: axisStyle, clip: area)
        let row = Rect(x: plot.x, y: y, width: plot.width, height: 1)
        let (first, last) = xLabels
        if displayWidth(first) + displayWidth(last) + 1 <= plot.width {
            canvas.put(first, x: plot.x, y: y, style: Style(.muted), clip: row)
            canvas.put(last, x: plot.maxX - displayWidth(last), y: y, style: Style(.muted), clip: row)
        } else {
            canvas.put(truncated(first, toWidth: plot.width), x: plot.x, y: y, style: Style(.muted), clip: row)
        }
    }
    return plot
}

/// A chart value as a label: `decimals` places, no trailing noise.
func formatValue(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return "" }
    if decimals <= 0 { return String(Int(value.rounded())) }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int((abs(value) * scale).rounded())
    let whole = scaled / Int(scale), fraction = scaled % Int(scale)
    var digits = String(fraction)
    digits = String(repeating: "0", count: max(0, decimals - digits.count)) + digits
    return (value < 0 && scaled != 0 ? "-" : "") + "\(whole).\(digits)"
}
