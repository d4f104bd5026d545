import EcoWatchCore

/// The Stations screen (`s`): every registered station (or one district's) with its latest
/// values, AQI and official category (air) or class (water, seawater), flags other than N,
/// when it last reported, and a STALE badge after three missed intervals.
enum StationsScreen {
    static func list(_ state: AppState) -> ListModel {
        let l = state.language
        let districtID: String? = if case .stations(let id) = state.route { id } else { nil }
        let statuses: [StationStatus] = state.live?.stations
            ?? state.programme.stations.map { StationStatus(station: $0, latest: [], lastSeen: nil, now: 0) }
        let now = state.live?.taken ?? 0
        let rows = statuses.filter { districtID == nil || $0.station.districtID == districtID }.map { s -> ListRow in
            let station = s.station
            let district = state.programme.district(station.districtID).map { DistrictMap.shortName($0, l) } ?? station.districtID
            let (quality, qualityStyle, category, rank) = describe(s, l)
            // Pollutants by name, in the units the header gives; an invalid value is marked ✕ (it counts for nothing).
            let readings = station.codes.filter { !$0.hasPrefix("a01") }.compactMap { code in
                s.values[code].map { value in
                    let shown = station.shownValue(value.value, code: code)
                    return MonitoringCode(code).symbol + " " + (value.flag.countsTowardStatistics ? "" : "✕")
                        + formatNumber(shown, decimals: abs(shown) < 10 ? 2 : 1)
                }
            }.joined(separator: " ")
            let flags = s.flags.sorted { $0.key < $1.key }.map { MonitoringCode($0.key).symbol + ":" + $0.value.rawValue }.joined(separator: " ")
            let seen: String
            if let last = s.lastSeen {
                seen = (s.stale ? state.text(Strings.stale) + " " : "") + formatAge(now - last, l)
            } else {
                seen = state.text(Strings.neverReported)
            }
            return ListRow(
                cells: [TableCell(station.name[l]), TableCell(district), TableCell(Strings.stationKind(station.kind)[l]),
                        TableCell(quality, style: qualityStyle), TableCell(category, style: qualityStyle),
                        TableCell(readings), TableCell(flags, style: Style(.warn, bold: true)),
                        TableCell(seen, style: s.stale ? Style(.bad, bold: true) : Style(.muted))],
                target: .station(station.mn),
                sortKeys: [.text(station.name[l]), .text(station.districtID), .text(station.kind.rawValue), .number(rank),
                           .text(category), .text(readings), .text(flags), .number(Double(s.lastSeen ?? 0))],
                searchText: [station.mn, station.name.zh, station.name.en, station.districtID, district, station.kind.rawValue,
                             state.programme.district(station.districtID)?.name.en ?? ""].joined(separator: " "))
        }
        let columns = [
            TableColumn(state.text(Strings.columnStation), width: .flexible(2)),
            TableColumn(state.text(Strings.district), width: .fixed(l == .zh ? 8 : 10)),
            TableColumn(state.text(Strings.columnKind), width: .fixed(l == .zh ? 6 : 5)),
            TableColumn(state.text(Strings.columnQuality), width: .fixed(10), alignment: .right),
            TableColumn(state.text(Strings.columnCategory), width: .flexible(2)),
            TableColumn(state.text(Strings.columnReadings) + " " + state.text(Strings.readingUnits), width: .flexible(6)),
            TableColumn(state.text(Strings.columnFlags), width: .flexible(1)),
            TableColumn(state.text(Strings.columnLastSeen), width: .fixed(10)),
        ]
        return ListModel(title: Screens.title(state.route, state: state), exportName: "stations-" + state.asOf.description,
                         columns: columns, rows: rows, filter: state.filters[state.route], sort: state.sorts[state.route])
    }

    /// The quality column (AQI or class), its style, the category or limiting parameters, and a rank for sorting.
    static func describe(_ s: StationStatus, _ l: Language) -> (String, Style, String, Double) {
        if let air = s.airQuality {
            let slot = aqiSlot(air.category)
            let primary = air.primaryPollutants.map(\.symbol).joined(separator: ",")
            let aqiNumber: Double = if case .value(let n) = air.aqi { Double(n) } else { 501 }
            return ("AQI " + air.aqi.description, Style(slot, bold: true), air.category.name[l] + (primary.isEmpty ? "" : " · " + primary), aqiNumber)
        }
        if let water = s.waterQuality {
            let worse = s.worseThanTarget
            return (water.waterClass.name[l], Style(waterSlot(water.waterClass), bold: worse),
                    (s.station.targetClass.map { Strings.target[l] + " " + (WaterClass(text: $0)?.name[l] ?? $0) } ?? ""), Double(WaterClass.allCases.firstIndex(of: water.waterClass) ?? 0))
        }
        if let sea = s.seawaterQuality {
            return (sea.seaClass.name[l], Style(s.worseThanTarget ? .bad : .good, bold: s.worseThanTarget),
                    (s.station.targetClass.map { Strings.target[l] + " " + (SeaClass(text: $0)?.name[l] ?? $0) } ?? ""), Double(SeaClass.allCases.firstIndex(of: sea.seaClass) ?? 0))
        }
        return ("—", Style(.na), "", -1)
    }

    static func aqiSlot(_ category: AQICategory) -> StyleSlot {
        switch category {
        case .excellent: .aqiExcellent
        case .good: .aqiGood
        case .light: .aqiLight
        case .moderate: .aqiModerate
        case .heavy: .aqiHeavy
        case .severe: .aqiSevere
        }
    }

    static func waterSlot(_ waterClass: WaterClass) -> StyleSlot {
        switch waterClass {
        case .I: .waterI
        case .II: .waterII
        case .III: .waterIII
        case .IV: .waterIV
        case .V: .waterV
        case .worseThanV: .waterWorseThanV
        }
    }
}
