/// Minimum durations on the alarm rules' decisions, so that a value hovering at a line does not
/// raise, clear and raise again within seconds: a condition must hold for `raiseAfter` seconds
/// before its alarm is raised (with the time it began), and its clearing condition for
/// `clearAfter` seconds before the alarm is cleared. A condition that lapses starts over.
public struct AlarmDebounce: Sendable {
    public let raiseAfter: Int64
    public let clearAfter: Int64
    private struct Key: Hashable { let mn: String; let rule: AlarmRule; let raising: Bool }
    /// When each pending condition was first seen, and (raising) the alarm it would raise.
    private var pending: [Key: (since: Int64, alarm: NewAlarm?)] = [:]

    public init(raiseAfter: Int64, clearAfter: Int64) {
        self.raiseAfter = max(0, raiseAfter)
        self.clearAfter = max(0, clearAfter)
    }

    /// The decisions that have held long enough, from one evaluation of station `mn`'s rules.
    public mutating func settle(_ decisions: [AlarmDecision], mn: String, now: Int64) -> [AlarmDecision] {
        var seen: Set<Key> = []
        var settled: [AlarmDecision] = []
        for decision in decisions {
            switch decision {
            case .raise(let alarm):
                let key = Key(mn: mn, rule: alarm.rule, raising: true)
                seen.insert(key)
                let since = pending[key]?.since ?? now
                if now - since >= raiseAfter {
                    pending[key] = nil
                    settled.append(.raise(NewAlarm(mn: alarm.mn, rule: alarm.rule, started: since, amount: alarm.amount)))
                } else {
                    pending[key] = (since, alarm)
                }
            case .clear(_, let rule):
                let key = Key(mn: mn, rule: rule, raising: false)
                seen.insert(key)
                let since = pending[key]?.since ?? now
                if now - since >= clearAfter {
                    pending[key] = nil
                    settled.append(decision)
                } else {
                    pending[key] = (since, nil)
                }
            }
        }
        for key in pending.keys where key.mn == mn && !seen.contains(key) { pending[key] = nil }
        return settled
    }
}
