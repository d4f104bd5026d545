import Foundation
import EcoWatchCore
@testable import EcoWatchUI

/// The bundled Ningbo sample data set, loaded once for every app-level test.
let sampleProgramme: Programme = {
    let directory = URL(fileURLWithPath: repositoryRoot).appendingPathComponent("sample-data")
    do {
        return try DataSetLoader.load(directory: directory, displayPath: "sample-data")
    } catch {
        fatalError("the bundled sample data must load: \(error)")
    }
}()

/// A day from its ISO form; the tests only write valid ones.
func day(_ iso: String) -> Day { Day(iso: iso)! }

/// "Today" in every app-level test: fixed, so the time-machine marker is deterministic.
let fixedToday = day("2026-11-29")

/// A console state over the sample data, as the snapshot command builds it.
func state(asOf: String = "2023-01-15", language: Language = .en, size: (Int, Int) = (120, 40),
           route: Route = .overview, themes: [String] = ["default"]) -> AppState {
    var state = AppState(programme: sampleProgramme, asOf: day(asOf), today: fixedToday, language: language,
                         themeName: themes.first ?? "default", themeNames: themes, width: size.0, height: size.1)
    if route != .overview { state.stack.append(route) }
    return state
}

/// The input events of typing `text` key by key (every character a key, `\n` is Enter).
func keys(_ text: String) -> [InputEvent] {
    text.map { $0 == "\n" ? .key(.enter) : .key(.character($0)) }
}

/// Feeds events through the key map and the reducer, as the run loop does, and returns
/// every effect they produced.
@discardableResult
func send(_ events: [InputEvent], to state: inout AppState) -> [Effect] {
    var effects: [Effect] = []
    for event in events {
        guard let action = action(for: event, in: state) else { continue }
        effects += reduce(&state, action)
    }
    return effects
}

@discardableResult
func send(_ keys: Key..., to state: inout AppState) -> [Effect] {
    send(keys.map { InputEvent.key($0) }, to: &state)
}

/// Applies actions straight to the reducer.
@discardableResult
func apply(_ actions: Action..., to state: inout AppState) -> [Effect] {
    actions.flatMap { reduce(&state, $0) }
}

/// The task IDs (`R01`…`R19`) in a line, in order.
func taskIDs(in line: String) -> [String] {
    line.matches(of: /R\d\d/).map { String($0.output) }
}

/// The task IDs a list screen's table shows, top to bottom (one per table row, as the first ID
/// in the row), down to the rule above the selected row's detail.
func listedTaskIDs(_ canvas: Canvas) -> [String] {
    lines(canvas).dropFirst(3).prefix(while: { !$0.hasPrefix("┃─") }).compactMap { taskIDs(in: $0).first }
}

/// The display column at which the first match of `pattern` starts in `line`.
func displayColumn(ofFirst pattern: Regex<Substring>, in line: String) -> Int? {
    guard let match = line.firstMatch(of: pattern) else { return nil }
    return displayWidth(line[line.startIndex..<match.range.lowerBound])
}
