import EcoWatchCore

/// The overview's first lines while a live feed is watched: the city's AQI now (value,
/// category in its official colour, primary pollutant), alarm counts, how many stations are on
/// time, late or offline, the worst air stations, the water and sea stations below their target
/// class, and the late or offline ones.
enum NowBand {
    /// Rows the band takes in a body this tall (its panel's border included); 0 without a feed.
    static func height(_ state: AppState, bodyHeight: Int) -> Int {
        guard state.kiosk == nil, let live = state.live, !live.stations.isEmpty else { return 0 }
        return bodyHeight >= 36 ? 6 : 4
    }

    static func render(_ state: AppState, into canvas: inout Canvas, area: Rect) {
        guard let summary = state.liveSummary, let live = state.live, area.height >= 3 else { return }
        let l = state.language
        let inner = Panel(title: state.text(Strings.nowTitle)).render(into: &canvas, area: area)
        func line(_ i: Int, _ spans: [Span]) {
            guard i < inner.height else { return }
            TextLine(spans).render(into: &canvas, area: Rect(x: inner.x, y: inner.y + i, width: inner.width, height: 1))
        }
        func name(_ s: StationStatus) -> String { s.station.name[l] }
        let gap = Span("   ")

        // The city's AQI, the alarms, punctuality.
        var first: [Span] = [Span(state.text(Strings.cityAQI) + " ", style: Style(.text, bold: true))]
        if let city = summary.city {
            let slot = StationsScreen.aqiSlot(city.category)
            first.append(Span(" " + city.aqi.description + " " + city.category.name[l] + " ", style: Style(slot, bold: true, reverse: true)))
            let primary = city.primaryPollutants.map(\.symbol).joined(separator: ",")
            if !primary.isEmpty { first.append(Span(" " + state.text(Strings.primaryPollutant) + " " + primary, style: Style(.text))) }
            first.append(Span(" · " + state.text(Strings.stationsAveraged(summary.airStations)), style: Style(.muted)))
        } else {
            first.append(Span(state.text(Strings.noAirData), style: Style(.muted)))
        }
        first.append(gap)
        first.append(Span(state.text(Strings.alarmCounts(open: summary.openAlarms, unacknowledged: summary.unacknowledgedAlarms)),
                          style: Style(summary.unacknowledgedAlarms > 0 ? .bad : .muted, bold: summary.unacknowledgedAlarms > 0)))
        first.append(gap)
        let lateCount = summary.late.filter { $0.punctuality == .late }.count
        let offline = summary.late.count - lateCount
        first.append(Span(state.text(Strings.punctualityCounts(onTime: live.stations.count - summary.late.count, total: live.stations.count,
                                                                late: lateCount, offline: offline)),
                          style: Style(summary.late.isEmpty ? .good : .warn)))
        line(0, first)

        let worst = labelled(state.text(Strings.worstNow), summary.worstAir.prefix(5).map { s in
            Span(name(s) + " " + s.airQuality!.aqi.description, style: Style(StationsScreen.aqiSlot(s.airQuality!.category), bold: true))
        }, state)
        let below = labelled(state.text(Strings.belowTargetNow), summary.belowTarget.map { s in
            let (quality, _, target, _) = StationsScreen.describe(s, l)
            return Span(name(s) + " " + quality + "/" + target, style: Style(.bad, bold: true))
        }, state)
        let late = labelled(state.text(Strings.lateNow), summary.late.map { entry in
            let age = entry.status.lastSeen.map { formatAge(live.taken - $0) } ?? state.text(Strings.neverReported)
            return Span(name(entry.status) + " " + age, style: Style(entry.punctuality == .offline ? .bad : .warn))
        }, state)
        if inner.height >= 4 {
            line(1, worst)
            line(2, below)
            line(3, late)
        } else {
            line(1, worst + [gap] + below + [gap] + late)
        }
    }

    /// `label:` and the items, `·` between, or "none".
    static func labelled(_ label: String, _ items: [Span], _ state: AppState) -> [Span] {
        var spans = [Span(label + " ", style: Style(.accent, bold: true))]
        if items.isEmpty { return spans + [Span(state.text(Strings.noneNow), style: Style(.muted))] }
        for (i, item) in items.enumerated() {
            if i > 0 { spans.append(Span(" · ", style: Style(.muted))) }
            spans.append(item)
        }
        return spans
    }
}
