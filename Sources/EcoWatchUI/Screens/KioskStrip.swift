import EcoWatchCore

/// Meeting mode's KPI strip: PM2.5 against 26, good-air days against 90 %, good water sections
/// against 90 %, tasks done of 19 — each a label fitted to its column, the judged figure in large
/// digits that grow with the screen, its unit and target, and the period it covers with the year
/// to date (provisional), which moves month by month — and, at the right, the day (or the
/// replayed month) and where the rotation is.
///
/// ```
/// ✓ PM2.5 annual mean    ✓ Good-air days     …   as of
/// █▀▀ █▀█   █ █          …                        2026-11-29
/// ▀▀█ █▀█   ▀▀█                                    3/18
/// ▀▀▀ ▀▀▀ ▀   ▀
/// µg/m³ · target <26
/// 2025 · Jan–Oct, provisional 17 ✓
/// ──────────────────────────────────────────────────────────
/// ```
enum KioskStrip {
    /// Columns at the right for the day, the replay's month and the rotation.
    static let dayColumn = 14

    /// The widest figure the strip must hold whole: tasks done of up to 99 (`00/00`); the
    /// indicators' figures (`100.0` at most) are narrower.
    static let widestFigure = "00/00"

    /// The digits' scale for a screen: the largest whose rows keep the strip within a quarter of
    /// the height and whose widest figure fits a KPI's column.
    static func scale(width: Int, height: Int) -> BigDigits.Scale {
        let column = kpiColumnWidth(width: width) - 2
        for halfRows in stride(from: 6, through: 2, by: -1) {
            // Pixels a little narrower than square as the digits grow (a cell is about 1:2).
            let scale = BigDigits.Scale(halfRows: halfRows, columns: (2 * halfRows + 1) / 3)
            if (scale.rows + 4) * 4 <= height, BigDigits.width(of: widestFigure, size: scale) <= column { return scale }
        }
        return .three
    }

    /// Rows the strip takes above its rule: the labels, the digits, the units, the period.
    static func height(width: Int, height: Int) -> Int { scale(width: width, height: height).rows + 3 }

    static func kpiColumnWidth(width: Int) -> Int { (width - dayColumn) / 4 }

    struct KPI {
        /// The labels to choose from, longest first: the first that fits is drawn.
        let labels: [String]
        let value: String
        /// Unit and target, e.g. `µg/m³ · target <26`.
        let detail: String
        /// The period the figure covers and the year to date, longest first (the first that fits).
        let periods: [String]
        let mark: StatusMark
    }

    /// The strip's KPIs: the indicators by ID with the short label each falls back to.
    static let indicators: [(id: String, short: LocalizedText)] = [
        ("pm25", LocalizedText(zh: "PM2.5", en: "PM2.5")),
        ("good_air_days", LocalizedText(zh: "优良天数", en: "Good-air days")),
        ("good_water_sections", LocalizedText(zh: "水质优良", en: "Good water")),
    ]

    static func kpis(_ state: AppState) -> [KPI] {
        let l = state.language
        var kpis: [KPI] = []
        for (id, short) in indicators {
            guard let indicator = state.programme.indicator(id), let result = state.snapshot.result(id) else { continue }
            let judged = result.period?.label(l) ?? ""
            var periods = [judged]
            if let ytd = result.yearToDate {
                let figure = " " + indicator.format(ytd.value) + " " + ytd.status.mark.glyph
                periods = [judged + " · " + ytd.period.label(l) + figure, judged + " · " + Strings.yearToDateShort[l] + figure,
                           Strings.yearToDateShort[l] + figure]
            }
            kpis.append(KPI(labels: [indicator.name[l], short[l]], value: result.valueText,
                            detail: indicator.unit + " · " + state.text(Strings.target) + " " + OverviewScreen.targetText(indicator),
                            periods: periods, mark: StatusMark(result.status)))
        }
        let done = state.snapshot.tasks.filter { $0.status.isDone }.count
        let overdue = state.snapshot.tasks.filter { $0.status == .overdue }.count
        kpis.append(KPI(labels: [state.text(Strings.tasksDone)], value: "\(done)/\(state.snapshot.tasks.count)",
                        detail: state.text(Strings.tasksUnit) + (overdue > 0 ? " · " + StatusMark.overdue.glyph + state.text(Strings.overdueCount(overdue)) : ""),
                        periods: [state.text(Strings.dataThrough) + " " + (state.snapshot.dataMonth?.description ?? "—")], mark: overdue > 0 ? .overdue : .done))
        return kpis
    }

    static func render(_ state: AppState, into canvas: inout Canvas) {
        let scale = scale(width: canvas.width, height: canvas.height)
        let rows = scale.rows + 3
        let width = kpiColumnWidth(width: canvas.width)
        for (i, kpi) in kpis(state).enumerated() {
            let x = i * width + 1, inner = width - 2
            let label = kpi.labels.first { displayWidth(kpi.mark.glyph + " " + $0) <= inner } ?? kpi.labels.last ?? ""
            TextLine(kpi.mark.glyph + " " + label, style: Style(kpi.mark.slot, bold: true))
                .render(into: &canvas, area: Rect(x: x, y: 0, width: inner, height: 1))
            // A figure wider than planned steps down a size rather than lose a digit.
            var size = scale
            while BigDigits.width(of: kpi.value, size: size) > inner, size != .three {
                size = BigDigits.Scale(halfRows: size.halfRows - 1, columns: max(1, size.columns - 1))
            }
            BigDigits(kpi.value, size: size, style: Style(kpi.mark.slot, bold: true))
                .render(into: &canvas, area: Rect(x: x, y: 1, width: inner, height: scale.rows))
            TextLine(kpi.detail, style: Style(.muted)).render(into: &canvas, area: Rect(x: x, y: rows - 2, width: inner, height: 1))
            let period = kpi.periods.first { displayWidth($0) <= inner } ?? kpi.periods.last ?? ""
            TextLine(period, style: Style(.muted)).render(into: &canvas, area: Rect(x: x, y: rows - 1, width: inner, height: 1))
        }
        renderDay(state, into: &canvas)
        canvas.fill(Rect(x: 0, y: rows, width: canvas.width, height: 1), style: Style(.border), with: "─")
    }

    /// The right-hand column: the day (or, replaying, the month on screen) and the rotation.
    static func renderDay(_ state: AppState, into canvas: inout Canvas) {
        let column = Rect(x: canvas.width - dayColumn, y: 0, width: dayColumn - 1, height: 1)
        func line(_ y: Int, _ text: String, _ style: Style) {
            TextLine(text, style: style, alignment: .right).render(into: &canvas, area: Rect(x: column.x, y: y, width: column.width, height: 1))
        }
        guard let kiosk = state.kiosk else { return }
        // Below the rotation: a store that does not answer (the figures are of the last read).
        if case .failing(_, let fault, _) = state.storeHealth {
            line(3, state.text(Strings.storeFailingShort(fault)), Style(.bad, bold: true, reverse: true))
        }
        if let replay = kiosk.replay {
            // The month the figures are for, not the day after it they are judged on.
            line(0, state.text(replay.closing ? Strings.replayEnd : Strings.replay), Style(.muted))
            line(1, " " + replay.month.description + " ", Style(.warn, bold: true, reverse: true))
            let position = replay.position
            line(2, kiosk.paused ? state.text(Strings.kioskPaused) : "\(position.index)/\(position.count)",
                 Style(kiosk.paused ? .warn : .muted, bold: kiosk.paused))
            return
        }
        let dayStyle = state.asOf == state.today ? Style(.accent, bold: true) : Style(.warn, bold: true, reverse: true)
        line(0, state.text(Strings.asOf), Style(.muted))
        line(1, state.asOf.description, dayStyle)
        line(2, kiosk.paused ? state.text(Strings.kioskPaused) : "\(kiosk.index + 1)/\(kiosk.playlist.count)",
             Style(kiosk.paused ? .warn : .muted, bold: kiosk.paused))
    }
}
