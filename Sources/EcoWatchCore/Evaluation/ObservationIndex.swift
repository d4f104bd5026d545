/// Observations indexed by indicator and area, each series sorted by month, for fast
/// evaluation at any as-of day. Built once per loaded programme.
public struct ObservationIndex: Sendable {
    private var series: [String: [Observation]] = [:]

    public init(_ observations: [Observation]) {
        for observation in observations {
            series[Self.key(observation.indicatorID, observation.areaID), default: []].append(observation)
        }
        for key in series.keys { series[key]!.sort { $0.month < $1.month } }
    }

    private static func key(_ indicatorID: String, _ areaID: String) -> String { indicatorID + "\u{1}" + areaID }

    /// The monthly series of an indicator in an area, oldest first.
    public func series(indicatorID: String, areaID: String) -> [Observation] {
        series[Self.key(indicatorID, areaID)] ?? []
    }

    /// The series up to and including `month`.
    public func series(indicatorID: String, areaID: String, through month: YearMonth) -> ArraySlice<Observation> {
        let all = series(indicatorID: indicatorID, areaID: areaID)
        var low = 0, high = all.count
        while low < high {
            let mid = (low + high) / 2
            if all[mid].month <= month { low = mid + 1 } else { high = mid }
        }
        return all[..<low]
    }
}
