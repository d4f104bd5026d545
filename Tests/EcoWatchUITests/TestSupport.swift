import Foundation
import EcoWatchCore
@testable import EcoWatchUI

/// The canvas's rows as strings (continuation cells contribute nothing).
func lines(_ canvas: Canvas) -> [String] {
    canvas.plainText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

/// The canvas's rows with trailing spaces removed: easier to compare.
func trimmedLines(_ canvas: Canvas) -> [String] {
    lines(canvas).map { line in
        var s = line
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

/// Renders into a blank canvas of the given size, over its whole area.
func draw(width: Int, height: Int, _ body: (inout Canvas, Rect) -> Void) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    body(&canvas, canvas.bounds)
    return canvas
}

/// The display column at which `needle` starts in `line`, or nil.
func displayColumn(of needle: String, in line: String) -> Int? {
    guard let range = line.range(of: needle) else { return nil }
    return displayWidth(line[line.startIndex..<range.lowerBound])
}

/// The repository's root (for the bundled `themes/`).
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()
