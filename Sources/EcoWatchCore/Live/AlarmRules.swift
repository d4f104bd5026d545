/// What the alarm rules decided for one station: raise or clear an alarm.
public enum AlarmDecision: Hashable, Sendable {
    case raise(NewAlarm)
    case clear(mn: String, rule: AlarmRule)
}

/// The alarm rules, with hysteresis: a condition raises at one threshold and clears only at
/// a better one, so a value hovering at the line does not raise an alarm over and over.
///
/// - AQI above 100 raises; it clears at 90 or below.
/// - A water or seawater class worse than the station's target raises; it clears once back
///   within the target.
/// - Three missed reporting intervals (stale) raise; a fresh report clears.
/// - `refusalRaise` (10) or more refused frames from one MN in `refusalWindow` (5 minutes)
///   raise; fewer than `refusalClear` (3) clear.
public enum AlarmRules {
    public static let aqiRaise = 100
    public static let aqiClear = 90
    public static let refusalRaise = 10
    public static let refusalClear = 3
    public static let refusalWindow: Int64 = 300

    /// Decisions for `status` given the rules already open for its station. `refusals` is
    /// the count of refused frames in the last `refusalWindow` seconds (nil: not checked).
    public static func evaluate(_ status: StationStatus, refusals: Int?, open: Set<AlarmRule>,
                                now: Int64) -> [AlarmDecision] {
        let mn = status.station.mn
        var decisions: [AlarmDecision] = []
        func decide(_ rule: AlarmRule, raise: Bool, clear: Bool, value: @autoclosure () -> Double) {
            if open.contains(rule) {
                if clear { decisions.append(.clear(mn: mn, rule: rule)) }
            } else if raise {
                decisions.append(.raise(NewAlarm(mn: mn, rule: rule, started: now, amount: value())))
            }
        }

        if let air = status.airQuality, !status.stale {
            let number: Int = switch air.aqi {
            case .value(let n): n
            case .beyond500: 501
            }
            decide(.aqi, raise: number > aqiRaise, clear: number <= aqiClear, value: Double(number))
        }
        if let water = status.waterQuality?.waterClass,
           let target = status.station.targetClass.flatMap(WaterClass.init(text:)), !status.stale {
            decide(.waterClass, raise: water > target, clear: water <= target, value: Double(WaterClass.allCases.firstIndex(of: water)! + 1))
        }
        if let sea = status.seawaterQuality?.seaClass,
           let target = status.station.targetClass.flatMap(SeaClass.init(text:)), !status.stale {
            decide(.seaClass, raise: sea > target, clear: sea <= target, value: Double(SeaClass.allCases.firstIndex(of: sea)! + 1))
        }
        // A station that has never reported is not "gone" stale: it was never live.
        if let lastSeen = status.lastSeen {
            decide(.stale, raise: status.stale, clear: !status.stale,
                   value: Double((now - lastSeen) / 60))
        }
        if let refusals {
            decide(.refusals, raise: refusals >= refusalRaise, clear: refusals < refusalClear,
                   value: Double(refusals))
        }
        return decisions
    }
}
