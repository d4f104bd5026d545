import EcoWatchCore

/// Meeting mode's KPI strip in large digits: PM2.5 against 26, good-air days against 90 %,
/// good water sections against 90 %, tasks done of 19; and the as-of day, large too when replaying.
enum KioskStrip {
    /// Rows the strip takes: five-row digits on a large screen, three-row ones otherwise.
    static func height(width: Int, height: Int) -> Int { height >= 40 && width >= 120 ? 7 : 5 }

    struct KPI {
        let label: String
        let value: String
        let target: String
        let mark: StatusMark
    }

    static func kpis(_ state: AppState) -> [KPI] {
        var kpis: [KPI] = []
        for id in ["pm25", "good_air_days", "good_water_sections"] {
            guard let indicator = state.programme.indicator(id), let result = state.snapshot.result(id) else { continue }
            kpis.append(KPI(label: indicator.name[state.language], value: result.valueText,
                            target: OverviewScreen.targetText(indicator), mark: StatusMark(result.status)))
        }
        let done = state.snapshot.tasks.filter { $0.status.isDone }.count
        let overdue = state.snapshot.tasks.contains { $0.status == .overdue }
        kpis.append(KPI(label: state.text(Strings.tasksDone), value: "\(done)/\(state.snapshot.tasks.count)", target: "",
                        mark: overdue ? .overdue : .done))
        return kpis
    }

    static func render(_ state: AppState, into canvas: inout Canvas) {
        let rows = height(width: canvas.width, height: canvas.height)
        let size: BigDigits.Size = rows == 7 ? .five : .three
        let items = kpis(state)
        let dayColumn = 14
        let width = (canvas.width - dayColumn) / max(1, items.count)
        for (i, kpi) in items.enumerated() {
            let x = i * width
            let label = kpi.mark.glyph + " " + kpi.label + (kpi.target.isEmpty ? "" : "  " + kpi.target)
            TextLine(label, style: Style(kpi.mark.slot, bold: true)).render(into: &canvas, area: Rect(x: x + 1, y: 0, width: width - 2, height: 1))
            BigDigits(kpi.value, size: size, style: Style(kpi.mark.slot, bold: true))
                .render(into: &canvas, area: Rect(x: x + 1, y: 1, width: width - 2, height: size.rows))
        }
        let dayStyle = state.asOf == state.today ? Style(.accent, bold: true) : Style(.warn, bold: true, reverse: true)
        TextLine(state.text(Strings.asOf), style: Style(.muted), alignment: .right)
            .render(into: &canvas, area: Rect(x: canvas.width - dayColumn, y: 0, width: dayColumn - 1, height: 1))
        TextLine(state.asOf.description, style: dayStyle, alignment: .right)
            .render(into: &canvas, area: Rect(x: canvas.width - dayColumn, y: 1, width: dayColumn - 1, height: 1))
        if let kiosk = state.kiosk {
            let status = kiosk.paused ? state.text(Strings.kioskPaused) : "\(kiosk.index + 1)/\(kiosk.playlist.count)"
            TextLine(status, style: Style(kiosk.paused ? .warn : .muted, bold: kiosk.paused), alignment: .right)
                .render(into: &canvas, area: Rect(x: canvas.width - dayColumn, y: 2, width: dayColumn - 1, height: 1))
        }
        canvas.fill(Rect(x: 0, y: rows, width: canvas.width, height: 1), style: Style(.border), with: "─")
    }
}
