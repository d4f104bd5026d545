import Testing
@testable import EcoWatchCore

@Suite struct DayTests {
    @Test func parsesOnlyStrictISODates() {
        #expect(Day(iso: "2023-01-15") == Day(year: 2023, month: 1, day: 15))
        #expect(Day(iso: "2023-1-15") == nil)
        #expect(Day(iso: "2023-02-29") == nil)
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2023-13-01") == nil)
        #expect(Day(iso: "２０２３-01-15") == nil)
        #expect(Day(iso: "") == nil)
    }

    @Test func ordinalRoundTripsAcrossCenturies() {
        for ordinal in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(Day(ordinal: ordinal).ordinal == ordinal)
        }
        #expect(Day(iso: "1970-01-01")!.ordinal == 0)
        #expect(Day(iso: "2000-03-01")!.ordinal == 11_017)
    }

    @Test func arithmetic() {
        let d = Day(iso: "2023-01-31")!
        #expect(d.adding(months: 1).description == "2023-02-28")
        #expect(d.adding(months: -1).description == "2022-12-31")
        #expect(d.adding(months: 12).description == "2024-01-31")
        #expect(Day(iso: "2023-01-15")!.days(since: Day.endOfYear(2022)) == 15)
        #expect(YearMonth(iso: "2022-12")!.adding(months: 1).description == "2023-01")
        #expect(YearMonth(iso: "2024-02")!.dayCount == 29)
    }

    @Test func todayIsInChinaStandardTime() {
        // 2026-11-28 17:30 UTC is already 2026-11-29 01:30 in Ningbo.
        let instant = Date(timeIntervalSince1970: 1_795_887_000)
        #expect(Day.today(now: instant).description == "2026-11-29")
    }
}

import Foundation
