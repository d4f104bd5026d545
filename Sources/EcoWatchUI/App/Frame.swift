import EcoWatchCore

/// The frame around every screen: the header (title, as-of day, data freshness, live state),
/// the breadcrumb, the footer (key hints, a message, or the filter being typed), the help
/// overlay, and the "enlarge the window" notice below the smallest drawable size.
enum Frame {
    /// Seconds without any frame from any station after which the header says the feed is silent.
    static let feedSilentAfter: Int64 = 60

    static let minimumWidth = AppState.minimumWidth
    static let minimumHeight = AppState.minimumHeight

    /// The screens' area: below header and breadcrumb (or the kiosk strip), above the footer.
    static func body(width: Int, height: Int, kiosk: Bool) -> Rect {
        let top = kiosk ? KioskStrip.height(width: width, height: height) + 1 : 2
        return Rect(x: 0, y: top, width: width, height: height - top - (kiosk ? 0 : 1))
    }

    static func header(_ state: AppState, into canvas: inout Canvas) {
        let width = canvas.width
        canvas.fill(Rect(x: 0, y: 0, width: width, height: 1), style: Style(.text, background: .border))
        var spans = [Span(" " + state.text(Strings.appName) + " ", style: Style(.accent, background: .border, bold: true))]
        // A store that does not answer comes first, where the narrowest window still shows it.
        if case .failing(let since, let fault, _) = state.storeHealth {
            spans.append(Span(" " + state.text(Strings.storeFailing(fault, since: failingSince(since, now: state.clock))) + " ",
                              style: Style(.bad, bold: true, reverse: true)))
        }
        let asOfText = state.text(Strings.asOf) + " " + state.asOf.description
        if state.asOf != state.today {
            spans.append(Span(" ⏪ " + asOfText + " ", style: Style(.warn, bold: true, reverse: true)))
        } else {
            spans.append(Span(" " + asOfText + " ", style: Style(.text, background: .border, bold: true)))
        }
        // The live counts are of the last read: while the store is failing they would say the
        // stations went quiet when it is the database that did.
        if let live = state.live, let summary = state.liveSummary, !state.storeHealth.isFailing {
            // A new alarm flashes (the style alternates with the clock's seconds) for a few seconds.
            if let flash = state.alarmFlash {
                let on = (state.clock ?? 0) % 2 == 0
                spans.append(Span(" 🔔 " + state.text(Strings.newAlarm(flash.count)) + " ", style: Style(on ? .bad : .warn, bold: true, reverse: on)))
            }
            if summary.unacknowledgedAlarms > 0 {
                spans.append(Span(" ! " + state.text(Strings.unacknowledged(summary.unacknowledgedAlarms)) + " ", style: Style(.bad, bold: true, reverse: true)))
            }
            let fresh = live.stations.filter { !$0.stale }.count
            spans.append(Span(" ● " + state.text(Strings.liveStations(fresh: fresh, total: live.stations.count)) + " ",
                              style: Style(fresh > 0 ? .good : .muted, background: .border)))
            // A feed gone quiet says so, whatever the stations' own intervals still allow.
            if let newest = live.stations.compactMap(\.lastSeen).max(), live.taken - newest >= feedSilentAfter {
                spans.append(Span(" " + state.text(Strings.feedSilent(formatAge(live.taken - newest))) + " ", style: Style(.warn, bold: true, reverse: true)))
            }
        }
        spans.append(Span(" " + state.text(Strings.dataThrough) + " " + (state.snapshot.dataMonth?.description ?? "—") + " ",
                          style: Style(.muted, background: .border)))
        TextLine(spans).render(into: &canvas, area: Rect(x: 0, y: 0, width: width, height: 1))
    }

    /// When a store's failure began: the clock time that day, or the moment if it began on
    /// another day (China time, as every time the console shows).
    static func failingSince(_ since: Int64, now: Int64?) -> String {
        let moment = formatMoment(since)
        guard let now, formatMoment(now).prefix(10) != moment.prefix(10) else { return formatClock(since) }
        return moment
    }

    static func breadcrumb(_ state: AppState, into canvas: inout Canvas) {
        let items = state.stack.map { Screens.title($0, state: state) }
        Breadcrumb(items).render(into: &canvas, area: Rect(x: 1, y: 1, width: canvas.width - 2, height: 1))
    }

    static func footer(_ state: AppState, into canvas: inout Canvas) {
        let row = Rect(x: 0, y: canvas.height - 1, width: canvas.width, height: 1)
        if state.editingFilter {
            let text = state.text(Strings.filterPrompt) + (state.filters[state.route] ?? "") + "▏"
            TextLine(text, style: Style(.accent, bold: true)).render(into: &canvas, area: row)
            return
        }
        if let message = state.message {
            TextLine(" " + message, style: Style(.accent, bold: true)).render(into: &canvas, area: row)
            return
        }
        var bindings = KeyMap.footer(state)
        // `?` and `q` close the list and are kept whatever the width: help is always reachable;
        // so is the way back to today while the time machine is away from it.
        var pinned = 2
        if let back = bindings.firstIndex(where: { $0.keys == KeyMap.backToToday }), bindings.count >= 3 {
            bindings.insert(bindings.remove(at: back), at: bindings.count - 2)
            pinned = 3
        }
        var hints = bindings.map { KeyHints.Hint($0.label, $0.hint.map(state.text) ?? "") }
        if let filter = state.filters[state.route], !filter.isEmpty {
            hints.insert(.init("/", state.text(Strings.filterPrompt) + filter), at: 0)
        }
        KeyHints(hints, pinned: pinned).render(into: &canvas, area: Rect(x: 1, y: row.y, width: row.width - 1, height: 1))
    }

    /// Every key on one overlay, from the key map; the key column as wide as its widest label.
    static func help(_ state: AppState, into canvas: inout Canvas) {
        let bindings = KeyMap.help
        let keyWidth = (bindings.map { displayWidth($0.label) }.max() ?? 0) + 2
        var lines = bindings.map { binding in
            TextLine([Span(padded(binding.label, toWidth: keyWidth, alignment: .left), style: Style(.accent, bold: true)),
                      Span(binding.help[state.language])])
        }
        // The status legend (Core's one glyph set), when the window has room for it below the keys.
        if lines.count + 7 <= canvas.height - 2 {
            lines.append(TextLine(""))
            for (title, marks) in [(Strings.paneTasks, StatusMark.taskMarks), (Strings.indicator, StatusMark.indicatorMarks)] {
                var spans = [Span(padded(state.text(title), toWidth: keyWidth, alignment: .left), style: Style(.accent, bold: true))]
                for mark in marks {
                    spans += [Span(mark.glyph, style: mark.style), Span(" " + mark.name[state.language] + " ")]
                }
                lines.append(TextLine(spans))
            }
        }
        let box = Modal.centered(width: min(canvas.width - 2, 100), height: min(canvas.height - 2, lines.count + 4), in: canvas.bounds)
        _ = Modal(title: state.text(Strings.help), lines: lines, footer: state.text(Strings.helpCloses)).render(into: &canvas, area: box)
    }

    static func tooSmall(_ state: AppState, into canvas: inout Canvas) {
        let text = Strings.enlargeWindow(width: canvas.width, height: canvas.height,
                                         minWidth: minimumWidth, minHeight: minimumHeight)[state.language]
        // Wrapped by display width so even a very small window shows the whole message.
        var lines = wrapped(text, toWidth: max(1, canvas.width))
        lines.append("q: " + (KeyMap.bindings.last?.hint.map(state.text) ?? "quit"))
        let top = max(0, (canvas.height - lines.count) / 2)
        for (i, text) in lines.enumerated() where top + i < canvas.height {
            TextLine(text, style: Style(.warn, bold: true), alignment: .center)
                .render(into: &canvas, area: Rect(x: 0, y: top + i, width: canvas.width, height: 1))
        }
    }
}

/// Draws the whole console for `state` at its size: the one render function.
public func render(_ state: AppState) -> Canvas {
    var canvas = Canvas(width: state.width, height: state.height)
    guard state.width >= Frame.minimumWidth, state.height >= Frame.minimumHeight else {
        Frame.tooSmall(state, into: &canvas)
        return canvas
    }
    let body = Frame.body(width: state.width, height: state.height, kiosk: state.kiosk != nil)
    if state.kiosk != nil {
        KioskStrip.render(state, into: &canvas)
    } else {
        Frame.header(state, into: &canvas)
        Frame.breadcrumb(state, into: &canvas)
        Frame.footer(state, into: &canvas)
    }
    if let replay = state.kiosk?.replay, replay.closing {
        ReplayClosingScreen.render(state, replay: replay, into: &canvas, area: body)
    } else {
        Screens.render(state, into: &canvas, area: body)
    }
    if state.showHelp { Frame.help(state, into: &canvas) }
    return canvas
}
