import Testing
@testable import EcoWatchCore

/// Minimum durations before raising and before clearing: no flapping.
@Suite struct AlarmDebounceTests {
    let raise = AlarmDecision.raise(NewAlarm(mn: "A", rule: .aqi, started: 0, amount: 132))
    let clear = AlarmDecision.clear(mn: "A", rule: .aqi)

    @Test func aConditionMustHoldBeforeItRaisesWithTheTimeItBegan() {
        var debounce = AlarmDebounce(raiseAfter: 60, clearAfter: 120)
        #expect(debounce.settle([raise], mn: "A", now: 1000).isEmpty)
        #expect(debounce.settle([raise], mn: "A", now: 1030).isEmpty)
        let settled = debounce.settle([raise], mn: "A", now: 1060)
        #expect(settled == [.raise(NewAlarm(mn: "A", rule: .aqi, started: 1000, amount: 132))])
    }

    @Test func aConditionThatLapsesStartsOverSoAHoveringValueDoesNotFlap() {
        var debounce = AlarmDebounce(raiseAfter: 60, clearAfter: 120)
        #expect(debounce.settle([raise], mn: "A", now: 1000).isEmpty)
        #expect(debounce.settle([], mn: "A", now: 1004).isEmpty)          // back under the line
        #expect(debounce.settle([raise], mn: "A", now: 1008).isEmpty)
        #expect(debounce.settle([raise], mn: "A", now: 1060).isEmpty)      // 52 s since it began again
        #expect(debounce.settle([raise], mn: "A", now: 1068).count == 1)
        // Clearing waits its own time, and another station's decisions are its own.
        #expect(debounce.settle([clear], mn: "A", now: 1100).isEmpty)
        #expect(debounce.settle([], mn: "B", now: 1150).isEmpty)
        #expect(debounce.settle([clear], mn: "A", now: 1219).isEmpty)
        #expect(debounce.settle([clear], mn: "A", now: 1220) == [clear])
    }

    @Test func zeroDurationsPassEverythingAtOnce() {
        var debounce = AlarmDebounce(raiseAfter: 0, clearAfter: 0)
        #expect(debounce.settle([raise, .clear(mn: "A", rule: .stale)], mn: "A", now: 5).count == 2)
    }
}
