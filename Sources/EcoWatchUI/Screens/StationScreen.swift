import EcoWatchCore

/// One station (`station:MN`; Enter on a station or an alarm): who and where it is, when it
/// last reported, every code's latest value by name with unit and flag (invalid values marked:
/// they count toward nothing), the selected code's chart over 24 h, 7 d or 30 d from the
/// roll-ups with its limit, the AQI or class over the same span, the station's alarms and
/// refusals, and the gaps asked back from it.
enum StationScreen {
    /// The codes table: one row per code the station reports. ↑↓ choose the code the chart shows.
    static func list(_ state: AppState, mn: String) -> ListModel {
        let l = state.language
        let station = state.programme.station(mn: mn)
        let status = state.live?.status(mn: mn)
        let rows = (station?.codes ?? []).map { code -> ListRow in
            let info = MonitoringCode(code)
            let latest = status?.values[code]
            let value = latest.map { formatNumber(station!.shownValue($0.value, code: code), decimals: 2) } ?? "—"
            let flag = latest?.flag
            let valid = flag?.countsTowardStatistics ?? true
            let flagText = flag.map { valid ? "✓ " + $0.rawValue : "✕ " + $0.rawValue + " " + $0.name[l] } ?? ""
            let valueStyle = latest == nil ? Style(.na) : valid ? Style(.text, bold: true) : Style(.warn)
            return ListRow(
                cells: [TableCell(info.symbol + " " + info.name[l]),
                        TableCell(valid || latest == nil ? value : "(" + value + ")", style: valueStyle),
                        TableCell(info.unit, style: Style(.muted)),
                        TableCell(flagText, style: valid ? Style(.muted) : Style(.bad, bold: true))],
                sortKeys: [.text(info.symbol), .number(latest?.value ?? -.infinity), .text(info.unit), .text(flag?.rawValue ?? "")],
                searchText: [code, info.symbol, info.name.zh, info.name.en, flag?.rawValue ?? ""].joined(separator: " "),
                key: code)
        }
        let columns = [
            TableColumn(state.text(Strings.columnItem), width: .flexible(3)),
            TableColumn(state.text(Strings.columnValue), width: .fixed(10), alignment: .right),
            TableColumn("", width: .fixed(6)),
            TableColumn(state.text(Strings.columnFlag), width: .flexible(2)),
        ]
        return ListModel(title: state.text(Strings.latestValues), exportName: "station-\(mn)-" + state.asOf.description,
                         columns: columns, rows: rows, filter: state.filters[state.route], sort: state.sorts[state.route])
    }

    /// Where the codes table is drawn (for clicks).
    static func tableArea(_ body: Rect, rows: Int) -> Rect {
        Panel.inner(layout(body, rows: rows).values)
    }

    struct Layout {
        var info: Rect
        var values: Rect
        var alarms: Rect
        var chart: Rect
        var quality: Rect
    }

    static func layout(_ body: Rect, rows: Int) -> Layout {
        let info = Rect(x: body.x, y: body.y, width: body.width, height: 2)
        let rest = Rect(x: body.x, y: body.y + 2, width: body.width, height: max(0, body.height - 2))
        let leftWidth = min(max(36, body.width * 2 / 5), 70)
        let valuesHeight = min(rest.height, max(5, min(rows + 3, rest.height - 5)))
        let values = Rect(x: rest.x, y: rest.y, width: leftWidth, height: valuesHeight)
        let alarms = Rect(x: rest.x, y: rest.y + valuesHeight, width: leftWidth, height: rest.height - valuesHeight)
        let right = Rect(x: rest.x + leftWidth, y: rest.y, width: rest.width - leftWidth, height: rest.height)
        let chartHeight = right.height * 3 / 5
        return Layout(info: info, values: values, alarms: alarms,
                      chart: Rect(x: right.x, y: right.y, width: right.width, height: chartHeight),
                      quality: Rect(x: right.x, y: right.y + chartHeight, width: right.width, height: right.height - chartHeight))
    }

    static func render(_ state: AppState, mn: String, into canvas: inout Canvas, area: Rect) {
        guard let station = state.programme.station(mn: mn) else { return }
        let l = state.language
        let list = list(state, mn: mn)
        let layout = layout(area, rows: list.rows.count)
        let status = state.live?.status(mn: mn)

        // Who and where, and how it stands now.
        let district = state.programme.district(station.districtID)?.name[l] ?? station.districtID
        var facts = [district, Strings.stationKind(station.kind)[l], station.mn]
        if let target = station.targetClass {
            let name = station.kind == .water ? WaterClass(text: target)?.name[l] : SeaClass(text: target)?.name[l]
            facts.append(state.text(Strings.targetClass) + " " + (name ?? target))
        }
        let seen: String = if let last = status?.lastSeen {
            state.text(Strings.lastSeen) + " " + formatMoment(last) + " (" + formatAge((state.live?.taken ?? last) - last) + ")"
        } else {
            state.text(Strings.lastSeen) + " " + state.text(Strings.neverReported)
        }
        TextLine([Span(station.name[l] + "  ", style: Style(.accent, bold: true)), Span(facts.joined(separator: " · "), style: Style(.text))])
            .render(into: &canvas, area: Rect(x: layout.info.x + 1, y: layout.info.y, width: layout.info.width - 2, height: 1))
        var spans: [Span] = []
        if let status, status.lastSeen != nil {
            let (quality, style, category, _) = StationsScreen.describe(status, l)
            spans += [Span(quality, style: style), Span("  " + category + " · ", style: Style(.muted))]
        }
        spans.append(Span(seen, style: Style(.muted)))
        if status?.stale ?? true {
            spans.append(Span("  " + state.text(Strings.stale) + " ", style: Style(.bad, bold: true, reverse: true)))
        }
        TextLine(spans).render(into: &canvas, area: Rect(x: layout.info.x + 1, y: layout.info.y + 1, width: layout.info.width - 2, height: 1))

        // Every code, latest value, unit, flag.
        let valuesInner = Panel(title: list.title, focused: true, trailing: "\(list.rows.count)").render(into: &canvas, area: layout.values)
        list.table(selected: state.selection, focused: true, emptyMessage: state.text(Strings.noRows)).render(into: &canvas, area: valuesInner)

        // The station's alarms and refusals.
        let history = state.stationHistory?.station.mn == mn ? state.stationHistory : nil
        let alarmsInner = Panel(title: state.text(Strings.stationAlarms), trailing: "\(history?.alarms.count ?? 0)")
            .render(into: &canvas, area: layout.alarms)
        renderAlarms(state, history: history, into: &canvas, area: alarmsInner)

        // The selected code's chart and the quality chart over the span.
        let rows = list.rows
        let selectedCode = rows.indices.contains(state.selection) ? rows[state.selection].key : nil
        let span = state.stationSpan.label[l]
        let spanTitle = " · " + span + "  " + state.text(Strings.spanKeys)
        if let code = selectedCode {
            let info = MonitoringCode(code)
            let inner = Panel(title: info.symbol + " " + info.name[l] + (info.unit.isEmpty ? "" : " (" + info.unit + ")") + spanTitle)
                .render(into: &canvas, area: layout.chart)
            renderChart(state, history: history, values: history?.means(code), limit: history?.limit(code), into: &canvas, area: inner)
        }
        let qualityTitle = station.kind == .air ? state.text(Strings.aqiOverTime) : state.text(Strings.classOverTime)
        let qualityInner = Panel(title: qualityTitle + spanTitle).render(into: &canvas, area: layout.quality)
        renderChart(state, history: history, values: history?.quality(), limit: history?.qualityLimit, into: &canvas, area: qualityInner,
                    bounds: station.kind == .air ? nil : (1, 6))
    }

    static func renderChart(_ state: AppState, history: StationHistory?, values: [Double?]?, limit: Double?,
                            into canvas: inout Canvas, area: Rect, bounds: (Double, Double)? = nil) {
        guard let history, let values else {
            // Not read yet: it comes when the store answers (the header says while it does not).
            let waiting = if case .failing(_, let fault, _) = state.storeHealth { Strings.storeFailingShort(fault) } else { Strings.loading }
            TextLine(state.text(waiting), style: Style(.muted), alignment: .center)
                .render(into: &canvas, area: Rect(x: area.x, y: area.y + area.height / 2, width: area.width, height: 1))
            return
        }
        guard values.contains(where: { $0 != nil }) else {
            TextLine(state.text(Strings.noValidData), style: Style(.muted), alignment: .center)
                .render(into: &canvas, area: Rect(x: area.x, y: area.y + area.height / 2, width: area.width, height: 1))
            return
        }
        let label: (Int64) -> String = history.span.grain == .hour
            ? { String(formatMoment($0).dropFirst(5)) }
            : { String(formatMoment($0).prefix(10)) }
        let decimals = (values.compactMap { $0 }.max() ?? 0) < 10 ? 2 : 0
        LineChart(values: values, target: limit, minimum: bounds?.0, maximum: bounds?.1,
                  firstLabel: history.starts.first.map(label) ?? "", lastLabel: history.starts.last.map(label) ?? "",
                  decimals: bounds == nil ? decimals : 0)
            .render(into: &canvas, area: area)
    }

    /// The refusals line, the gaps line, the latest gap requests (at most 3, half the lines
    /// left at most) and the alarms below them.
    static func renderAlarms(_ state: AppState, history: StationHistory?, into canvas: inout Canvas, area: Rect) {
        guard let history, area.height > 0 else { return }
        let l = state.language
        var y = area.y
        func line(_ text: String, _ style: Style) {
            guard y < area.y + area.height else { return }
            TextLine(text, style: style).render(into: &canvas, area: Rect(x: area.x, y: y, width: area.width, height: 1))
            y += 1
        }
        line(state.text(Strings.refusedInDay(history.refusals)), Style(history.refusals > 0 ? .warn : .muted))
        // The totals on one line; when the pane is narrow, on two if it has room for them, a
        // request and an alarm too, else in short.
        let totals = state.text(Strings.gapTotals(history.gapTotals))
        let totalsStyle = Style(history.gapTotals.failed > 0 ? .warn : .muted)
        if displayWidth(totals) <= area.width {
            line(totals, totalsStyle)
        } else if area.y + area.height - y >= 4 {
            for part in Strings.gapTotalsSplit(history.gapTotals) { line(state.text(part), totalsStyle) }
        } else {
            line(state.text(Strings.gapTotalsShort(history.gapTotals)), totalsStyle)
        }
        let left = max(0, area.y + area.height - y)
        for request in history.gapRequests.prefix(min(3, left / 2)) {
            let style: Style = switch request.state {
            case .failed: Style(.warn)
            case .done: Style(.muted)
            case .sent, .accepted: Style(.text)
            }
            // Narrow: the readings recovered as a number (the totals line above names them).
            let head = "↺ " + Strings.requestSpan(begin: request.begin, end: request.end) + " " + Strings.historyState(request.state)[l] + " · "
            let full = head + Strings.recordsRecovered(request.records)[l]
            line(displayWidth(full) <= area.width ? full : head + String(request.records), style)
        }
        guard !history.alarms.isEmpty else {
            line(state.text(Strings.noAlarms), Style(.muted))
            return
        }
        for alarm in history.alarms.prefix(max(0, area.y + area.height - y)) {
            let open = alarm.cleared == nil
            let mark = open ? (alarm.acknowledgedAt == nil ? "! " : "· ") : "✓ "
            let text = mark + formatMoment(alarm.started).dropFirst(5) + " " + Strings.alarmRule(alarm.rule)[l] + " "
                + Strings.alarmValue(alarm.amount, rule: alarm.rule)[l]
                + (open ? "" : " → " + formatMoment(alarm.cleared!).dropFirst(11))
            line(text, open ? Style(.bad, bold: alarm.acknowledgedAt == nil) : Style(.muted))
        }
    }
}
