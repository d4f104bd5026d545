import Foundation

/// `report stations` and `report feed`: the live feed's state for scripts and spreadsheets.
public enum LiveReports {
    /// `seconds` since 1970 as ISO 8601 in UTC (`2024-01-15T00:30:00Z`).
    public static func iso8601(_ seconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }

    /// One object per station: mn, name, district, kind, lastSeen, stale, readings, flags, and
    /// per kind iaqi/aqi/category/primaryPollutants, waterClass or seaClass.
    public static func stationJSON(_ status: StationStatus, language: Language) -> JSONValue {
        let station = status.station
        var fields: [String: JSONValue] = [
            "mn": .string(station.mn),
            "name": .string(station.name[language]),
            "district": .string(station.districtID),
            "kind": .string(station.kind.rawValue),
            "lastSeen": status.lastSeen.map { .string(iso8601($0)) } ?? .null,
            "stale": .bool(status.stale),
            "readings": .object(status.values.mapValues { .number($0.value) }),
            "flags": .object(status.values.mapValues { .string($0.flag.rawValue) }),
        ]
        switch station.kind {
        case .air:
            let air = status.airQuality
            fields["iaqi"] = .object(Dictionary(uniqueKeysWithValues: (air?.iaqi ?? [:]).map { ($0.key.code, aqiJSON($0.value)) }))
            fields["aqi"] = air.map { aqiJSON($0.aqi) } ?? .null
            fields["category"] = air.map { .string($0.category.rawValue) } ?? .null
            fields["primaryPollutants"] = .array((air?.primaryPollutants ?? []).map { .string($0.code) })
        case .water:
            fields["waterClass"] = .optional(status.waterQuality?.waterClass.rawValue)
        case .sea:
            fields["seaClass"] = .optional(status.seawaterQuality?.seaClass.rawValue)
        }
        return .object(fields)
    }

    private static func aqiJSON(_ value: AQIValue) -> JSONValue {
        switch value {
        case .value(let n): .integer(n)
        case .beyond500: .string(">500")
        }
    }

    /// The stations as a table in `language`: one row each, the class or AQI in one column.
    public static func stationTable(_ statuses: [StationStatus], language: Language) -> TextTable {
        let l = language
        let rows = statuses.map { status -> [String] in
            let station = status.station
            let quality: String = switch station.kind {
            case .air: status.airQuality.map { "AQI \($0.aqi) " + $0.category.name[l] } ?? "—"
            case .water: status.waterQuality.map { $0.waterClass.name[l] } ?? "—"
            case .sea: status.seawaterQuality.map { $0.seaClass.name[l] } ?? "—"
            }
            let readings = status.values.keys.sorted().map { code in
                let value = status.values[code]!
                return "\(code)=\(formatReading(value.value))" + (value.flag == .normal ? "" : "(\(value.flag.rawValue))")
            }.joined(separator: " ")
            return [station.mn, station.name[l], station.districtID, Strings.stationKind(station.kind)[l],
                    status.lastSeen.map(iso8601) ?? "—", status.stale ? Strings.columnStale[l] : "", quality, readings]
        }
        return TextTable(columns: [.init(Strings.columnMN[l]), .init(Strings.columnName[l]), .init(Strings.district[l]),
                                   .init(Strings.columnKind[l]), .init(Strings.columnLastSeenReport[l]),
                                   .init(Strings.columnStale[l]), .init(Strings.columnQualityReport[l]),
                                   .init(Strings.columnReadingsReport[l])], rows: rows)
    }

    /// `{accepted, duplicates, corrected, refused: {reason: count}}`.
    public static func feedJSON(_ counts: FeedCounts) -> JSONValue {
        .object(["accepted": .integer(counts.accepted), "duplicates": .integer(counts.duplicates),
                 "corrected": .integer(counts.corrected),
                 "refused": .object(Dictionary(uniqueKeysWithValues: counts.refused.map { ($0.key.rawValue, .integer($0.value)) }))])
    }

    /// Frames accepted, duplicated and refused by reason, and records corrected, in `language`.
    public static func feedTable(_ counts: FeedCounts, language: Language) -> TextTable {
        let l = language
        var rows = [[Strings.framesAccepted[l], String(counts.accepted)], [Strings.framesDuplicate[l], String(counts.duplicates)],
                    [Strings.recordsCorrected[l], String(counts.corrected)]]
        rows += counts.refused.sorted { $0.key < $1.key }.map {
            [Strings.framesRefused[l] + Strings.refusalReason($0.key)[l], String($0.value)]
        }
        return TextTable(columns: [.init(Strings.columnFrames[l]), .init(Strings.columnCount[l], .right)], rows: rows)
    }

    private static func formatReading(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
