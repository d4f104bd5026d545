import EcoWatchCore

/// The schematic map of Ningbo in the Districts pane: each division in its geographic place
/// on a small grid (Hangzhou Bay to the north, the sea to the east), coloured and marked by
/// the status of the indicator in focus. Arrows move between neighbours.
enum DistrictMap {
    /// Grid cells (column, row) of the ten divisions: Cixi and Yuyao north-west along Hangzhou
    /// Bay, Zhenhai and Beilun on the north-east coast, the city districts in the middle,
    /// Fenghua and Ninghai to the south, Xiangshan's peninsula to the south-east.
    static let places: [(id: String, column: Int, row: Int)] = [
        ("cixi", 1, 0),
        ("yuyao", 0, 1), ("jiangbei", 1, 1), ("zhenhai", 2, 1),
        ("haishu", 1, 2), ("yinzhou", 2, 2), ("beilun", 3, 2),
        ("fenghua", 1, 3), ("xiangshan", 3, 3),
        ("ninghai", 2, 4),
    ]

    /// The mapped districts present in the programme, in `places` order.
    static func districts(_ programme: Programme) -> [(district: District, column: Int, row: Int)] {
        places.compactMap { place in programme.district(place.id).map { ($0, place.column, place.row) } }
    }

    /// The district index reached from `index` by moving (dx, dy): the nearest one in that
    /// direction, or `index` itself when there is none.
    static func neighbour(of index: Int, dx: Int, dy: Int, in programme: Programme) -> Int {
        let cells = districts(programme)
        guard index < cells.count, dx != 0 || dy != 0 else { return min(index, max(0, cells.count - 1)) }
        let from = cells[index]
        var best: (index: Int, score: Int)?
        for (i, cell) in cells.enumerated() where i != index {
            let ddx = cell.column - from.column, ddy = cell.row - from.row
            let along = dx != 0 ? ddx * dx : ddy * dy
            let across = dx != 0 ? abs(ddy) : abs(ddx)
            guard along > 0 else { continue }
            let score = along * 2 + across * 3
            if best == nil || score < best!.score { best = (i, score) }
        }
        return best?.index ?? index
    }

    static func render(_ state: AppState, focused: Bool, into canvas: inout Canvas, area: Rect) {
        let cells = districts(state.programme)
        guard !cells.isEmpty, area.height >= 2 else { return }
        let indicator = state.programme.indicator(state.mapIndicatorID)
        // With air in view and a live feed, the map shows each district's AQI now.
        let aqiNow = indicator?.domain == .air ? state.liveSummary.flatMap { $0.districts.isEmpty ? nil : $0.districts } : nil
        let legend = state.text(Strings.mapColouredBy) + (aqiNow != nil ? state.text(Strings.aqiNow) : indicator?.name[state.language] ?? "")
        TextLine(legend, style: Style(.muted)).render(into: &canvas, area: Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1))
        let mapArea = Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1)
        let columns = 4, rows = 5
        let cellWidth = max(1, mapArea.width / columns)
        let rowStep = max(1, mapArea.height / rows)
        let selected = state.cursor[.pane(.districts)] ?? 0
        for (i, cell) in cells.enumerated() {
            let x = mapArea.x + cell.column * cellWidth
            let y = mapArea.y + min(cell.row * rowStep, mapArea.height - 1)
            guard y < mapArea.maxY else { continue }
            var style: Style
            let label: String
            if let aqiNow {
                let air = aqiNow[cell.district.id]
                style = air.map { Style(StationsScreen.aqiSlot($0.category), bold: true) } ?? Style(.na)
                label = (air.map { $0.aqi.description } ?? "—") + " " + shortName(cell.district, state.language)
            } else {
                let result = indicator.map { state.snapshot.result($0.id, area: cell.district.id) } ?? nil
                let mark = StatusMark(result?.status ?? .notApplicable)
                style = mark.style
                label = mark.glyph + shortName(cell.district, state.language)
            }
            if focused && i == selected { style.reverse = true }
            TextLine(truncated(label, toWidth: max(1, cellWidth - 1)), style: style)
                .render(into: &canvas, area: Rect(x: x, y: y, width: cellWidth, height: 1))
        }
    }

    /// A division's name without the word for its kind, as people say it: 海曙 for 海曙区,
    /// Cixi for Cixi City. A zone keeps its whole name (前湾新区, not 前湾新): its last
    /// character is part of the name, and a cut name reads as a mistake. Where even that does
    /// not fit, the table cuts it with `…`.
    static func shortName(_ district: District, _ language: Language) -> String {
        guard district.kind != .zone else { return district.name[language] }
        switch language {
        case .zh:
            let name = district.name.zh
            return name.count > 2 && ["区", "市", "县"].contains(String(name.last!)) ? String(name.dropLast()) : name
        case .en:
            let words = district.name.en.split(separator: " ")
            let kindWords: Set<Substring> = ["District", "City", "County"]
            return words.count > 1 && kindWords.contains(words.last!) ? words.dropLast().joined(separator: " ") : district.name.en
        }
    }
}

/// The Districts pane as a sortable list (`m`): every district and zone with the status and
/// value of the indicator in focus.
enum DistrictListPane {
    static func list(_ state: AppState) -> ListModel {
        let l = state.language
        let indicator = state.programme.indicator(state.mapIndicatorID)
        let rows = state.programme.districts.map { district -> ListRow in
            let result = indicator.flatMap { state.snapshot.result($0.id, area: district.id) }
            let mark = StatusMark(result?.status ?? .notApplicable)
            let value = result?.value
            return ListRow(
                cells: [TableCell(mark.glyph, style: mark.style), TableCell(district.name[l]),
                        TableCell(result?.shownValue(l) ?? "—")],
                target: .district(district.id),
                sortKeys: [.text(mark.rawValue), .text(district.id), value.map(SortKey.number) ?? .none],
                searchText: [district.id, district.name.zh, district.name.en].joined(separator: " "))
        }
        return ListModel(title: state.text(Strings.paneDistricts), exportName: "districts-\(state.asOf)",
                         columns: [TableColumn("", width: .fixed(1)), TableColumn(state.text(Strings.columnName), width: .flexible(2)),
                                   TableColumn(state.text(Strings.columnValue), width: .fixed(7), alignment: .right)],
                         rows: rows, filter: state.filters[.overview], sort: state.sorts[.overview])
    }
}
