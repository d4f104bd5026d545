#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A horizontal run of cells that changed between two frames: what a backend must redraw.
///
/// A run never starts on a continuation cell and never splits a wide character: when either
/// half of a wide character changed, the run holds the whole character (its continuation cell
/// included, which a backend skips when it draws).
public struct CellRun: Hashable, Sendable {
    /// The row, 0-based.
    public var y: Int
    /// The column of the first cell, 0-based.
    public var x: Int
    /// The cells, left to right, from the new canvas.
    public var cells: ArraySlice<Cell>

    public init(y: Int, x: Int, cells: ArraySlice<Cell>) {
        self.y = y
        self.x = x
        self.cells = cells
    }
}

/// The difference between two frames, as runs of changed cells (ratatui's Buffer::diff).
///
/// Pure and terminal-agnostic: the backend draws the runs, tests can count them.
public enum CanvasDiff {
    /// The runs of cells in `new` that differ from `old`, row by row, left to right.
    ///
    /// When there is no previous frame, or its size differs, every row is one run: the whole
    /// screen is redrawn.
    public static func runs(from old: Canvas?, to new: Canvas) -> [CellRun] {
        guard let old, old.width == new.width, old.height == new.height else {
            return fullRuns(of: new)
        }
        let width = new.width
        var runs: [CellRun] = []
        old.cells.withUnsafeBufferPointer { before in
            new.cells.withUnsafeBufferPointer { after in
                // Frames that share storage (nothing was drawn since) cannot differ.
                if before.baseAddress == after.baseAddress { return }
                for y in 0..<new.height {
                    let row = y * width
                    var x = 0
                    while x < width {
                        if Self.same(before, after, row + x) {
                            x += 1
                            continue
                        }
                        var start = x
                        if after[row + x].isContinuation {
                            if x > 0, after[row + x - 1].width == 2 {
                                start = x - 1   // the wide character's other half changed
                            } else {
                                x += 1          // a stray continuation cell: nothing to draw
                                continue
                            }
                        }
                        var end = x + 1
                        // Extend over changed cells, and over the continuation of a wide
                        // character already in the run even when that half is unchanged.
                        while end < width,
                              after[row + end].isContinuation || !Self.same(before, after, row + end) {
                            end += 1
                        }
                        // A run that reaches back to a wide character may touch the previous
                        // run; join them into one.
                        if let last = runs.last, last.y == y, last.x + last.cells.count >= start {
                            runs[runs.count - 1].cells = new.cells[(row + last.x)..<(row + end)]
                        } else {
                            runs.append(CellRun(y: y, x: start, cells: new.cells[(row + start)..<(row + end)]))
                        }
                        x = end
                    }
                }
            }
        }
        return runs
    }

    /// Every row of `canvas` as one run: a full repaint.
    public static func fullRuns(of canvas: Canvas) -> [CellRun] {
        var runs: [CellRun] = []
        runs.reserveCapacity(canvas.height)
        for y in 0..<canvas.height where canvas.width > 0 {
            let row = y * canvas.width
            runs.append(CellRun(y: y, x: 0, cells: canvas.cells[row..<(row + canvas.width)]))
        }
        return runs
    }

    /// Whether cell `index` is the same in both frames, cheapest test first: identical bytes
    /// (which, for the short strings cells hold, means the same text) need no further look
    /// and no reference counting; otherwise the cells are compared as values.
    @inline(__always)
    private static func same(_ before: UnsafeBufferPointer<Cell>, _ after: UnsafeBufferPointer<Cell>, _ index: Int) -> Bool {
        let a = before.baseAddress! + index, b = after.baseAddress! + index
        if memcmp(a, b, MemoryLayout<Cell>.size) == 0 { return true }
        return a.pointee.width == b.pointee.width && a.pointee.style == b.pointee.style && a.pointee.text == b.pointee.text
    }
}
