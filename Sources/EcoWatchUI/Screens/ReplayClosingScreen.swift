import EcoWatchCore

/// A replay's closing frame: the last month, and what changed since the first — tasks done,
/// targets met — and what is still open (the tasks not done, the targets missed or at risk).
/// It holds until a key is pressed (or, with `--loop`, for a few intervals).
enum ReplayClosingScreen {
    static func render(_ state: AppState, replay: KioskState.Replay, into canvas: inout Canvas, area: Rect) {
        let l = state.language
        let after = KioskState.Replay.Standing(state.snapshot)
        let before = replay.first ?? after
        let title = state.text(Strings.replayEnd) + " · " + replay.months.lowerBound.description + " → " + replay.month.description
        let inner = Panel(title: title, focused: true).render(into: &canvas, area: area)
        guard inner.height > 0 else { return }

        func change(_ label: LocalizedText, _ from: Int, _ to: Int, of total: Int) -> TextLine {
            let delta = to - from
            return TextLine([Span(padded(label[l], toWidth: 14), style: Style(.text, bold: true)),
                             Span("\(from) → \(to)", style: Style(.accent, bold: true)),
                             Span(" / \(total)  ", style: Style(.muted)),
                             Span(delta == 0 ? "±0" : (delta > 0 ? "+\(delta)" : "−\(-delta)"),
                                  style: Style(delta > 0 ? .good : delta < 0 ? .bad : .muted, bold: true))])
        }
        let open = state.snapshot.tasks.filter { !$0.status.isDone }
        let shortfalls = state.snapshot.shortfalls
        var lines = [
            change(Strings.tasksDoneChange, before.tasksDone, after.tasksDone, of: state.snapshot.tasks.count),
            change(Strings.targetsMetChange, before.targetsMet, after.targetsMet, of: state.programme.indicators.count),
            TextLine([Span(padded(state.text(Strings.stillOpen), toWidth: 14), style: Style(.text, bold: true)),
                      Span(state.text(Strings.stillOpenCounts(tasks: open.count, targets: shortfalls.count)),
                           style: Style(open.isEmpty && shortfalls.isEmpty ? .good : .warn, bold: true))]),
            TextLine(""),
        ]
        for r in open {
            let mark = StatusMark(r.status)
            lines.append(TextLine([Span(mark.glyph + " ", style: mark.style), Span(r.task.id + " ", style: Style(.accent)),
                                   Span(r.task.title[l]), Span("  " + r.status.name[l], style: Style(mark.slot))]))
        }
        for result in shortfalls {
            let mark = StatusMark(result.status)
            let value = result.valueText + " " + OverviewScreen.targetText(result.indicator)
            lines.append(TextLine([Span(mark.glyph + " ", style: mark.style), Span(result.indicator.name[l]),
                                   Span("  " + value, style: Style(mark.slot, bold: true))]))
        }
        // The key line stays at the bottom; the lists take the room above it.
        let room = max(0, inner.height - 1)
        if lines.count > room, room > 0 {
            let hidden = lines.count - room + 1
            lines = Array(lines.prefix(room - 1)) + [TextLine("▼ +\(hidden) " + state.text(Strings.moreBelow), style: Style(.muted))]
        }
        for (i, line) in lines.enumerated() {
            line.render(into: &canvas, area: Rect(x: inner.x + 1, y: inner.y + i, width: inner.width - 2, height: 1))
        }
        TextLine(state.text(Strings.pressAnyKeyToReplay), style: Style(.muted), alignment: .center)
            .render(into: &canvas, area: Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1))
    }
}
