import Testing
import EcoWatchCore

/// HJ 633-2012 table 1, as DOMAIN.md gives it: IAQI levels and each column's concentrations.
private let levels = [0, 50, 100, 150, 200, 300, 400, 500]
private let so2Daily: [Double] = [0, 50, 150, 475, 800, 1600, 2100, 2620]
private let so2Hourly: [Double] = [0, 150, 500, 650, 800]
private let no2Daily: [Double] = [0, 40, 80, 180, 280, 565, 750, 940]
private let no2Hourly: [Double] = [0, 100, 200, 700, 1200, 2340, 3090, 3840]
private let pm10: [Double] = [0, 50, 150, 250, 350, 420, 500, 600]
private let coDaily: [Double] = [0, 2, 4, 14, 24, 36, 48, 60]
private let coHourly: [Double] = [0, 5, 10, 35, 60, 90, 120, 150]
private let o3Hourly: [Double] = [0, 160, 200, 300, 400, 800, 1000, 1200]
private let o3EightHour: [Double] = [0, 100, 160, 215, 265, 800]
private let pm25: [Double] = [0, 35, 75, 115, 150, 250, 350, 500]

private func iaqi(_ pollutant: AirPollutant, _ concentration: Double,
                  _ period: AveragingPeriod) -> AQIValue? {
    pollutant.iaqi(concentration: concentration, period: period)
}

@Test(arguments: [
    (AirPollutant.pm25, AveragingPeriod.hourly, pm25),
    (.pm10, .hourly, pm10),
    (.so2, .hourly, so2Hourly),
    (.no2, .hourly, no2Hourly),
    (.co, .hourly, coHourly),
    (.o3, .hourly, o3Hourly),
    (.pm25, .daily, pm25),
    (.pm10, .daily, pm10),
    (.so2, .daily, so2Daily),
    (.no2, .daily, no2Daily),
    (.co, .daily, coDaily),
    (.o3, .daily, o3EightHour),
])
func everyBreakpointGivesItsLevel(pollutant: AirPollutant, period: AveragingPeriod,
                                  column: [Double]) {
    for (concentration, level) in zip(column, levels) {
        #expect(iaqi(pollutant, concentration, period) == .value(level),
                "\(pollutant.symbol) \(period) at \(concentration)")
    }
}

@Test func pm25BandEdges() {
    #expect(iaqi(.pm25, 35, .hourly) == .value(50))
    #expect(iaqi(.pm25, 35.1, .hourly) == .value(51))
    #expect(iaqi(.pm25, 75, .hourly) == .value(100))
    #expect(iaqi(.pm25, 75.1, .hourly) == .value(101))
}

@Test func fractionsRoundUp() {
    #expect(iaqi(.pm25, 10, .daily) == .value(15))      // 14.29
    #expect(iaqi(.pm25, 0.01, .daily) == .value(1))
    #expect(iaqi(.no2, 100, .daily) == .value(110))
    // Binary fractions must not push an exact result up a whole point.
    #expect(iaqi(.co, 2.2, .daily) == .value(55))
    #expect(iaqi(.co, 2.2, .hourly) == .value(22))
    #expect(iaqi(.co, 0.3, .hourly) == .value(3))
}

@Test func hourlyAndDailyUseDifferentColumns() {
    #expect(iaqi(.no2, 100, .hourly) == .value(50))
    #expect(iaqi(.no2, 100, .daily) == .value(110))
    #expect(iaqi(.o3, 160, .hourly) == .value(50))
    #expect(iaqi(.o3, 160, .daily) == .value(100))
    #expect(iaqi(.co, 4, .hourly) == .value(40))
    #expect(iaqi(.co, 4, .daily) == .value(100))
    #expect(iaqi(.so2, 150, .hourly) == .value(50))
    #expect(iaqi(.so2, 150, .daily) == .value(100))
    // Particles use their 24-hour column either way.
    #expect(iaqi(.pm10, 150, .hourly) == iaqi(.pm10, 150, .daily))
}

@Test func hourlySO2Above800UsesThe24HourColumn() {
    #expect(iaqi(.so2, 800, .hourly) == .value(200))
    #expect(iaqi(.so2, 1200, .hourly) == .value(250))
    #expect(iaqi(.so2, 1600, .hourly) == .value(300))
    #expect(iaqi(.so2, 2620, .hourly) == .value(500))
    #expect(iaqi(.so2, 2621, .hourly) == .beyond500)
}

@Test func eightHourO3Above800UsesThe1HourColumn() {
    #expect(iaqi(.o3, 800, .daily) == .value(300))
    #expect(iaqi(.o3, 1000, .daily) == .value(400))
    #expect(iaqi(.o3, 1200, .daily) == .value(500))
    #expect(iaqi(.o3, 1200.5, .daily) == .beyond500)
}

@Test func beyondTheTopIsBeyond500NotAnError() {
    #expect(iaqi(.pm25, 500, .hourly) == .value(500))
    #expect(iaqi(.pm25, 500.1, .hourly) == .beyond500)
    #expect(iaqi(.pm10, .infinity, .daily) == .beyond500)
    #expect(AQIValue.beyond500.description == ">500")
    #expect(AQIValue.beyond500 > .value(500))
    #expect(AQIValue.beyond500.category == .severe)
}

@Test func unusableConcentrationsHaveNoIAQI() {
    #expect(iaqi(.pm25, -1, .hourly) == nil)
    #expect(iaqi(.pm25, .nan, .hourly) == nil)
    #expect(iaqi(.o3, -.infinity, .daily) == nil)
    #expect(iaqi(.pm25, 0, .hourly) == .value(0))
    #expect(AirQuality(concentrations: [.pm25: .nan, .so2: -3], period: .hourly) == nil)
    #expect(AirQuality(concentrations: [:], period: .daily) == nil)
}

@Test func aqiIsTheLargestIAQIWithItsPrimaryPollutant() throws {
    let air = try #require(AirQuality(
        concentrations: [.pm25: 115, .pm10: 100, .no2: 40, .o3: -1], period: .hourly))
    #expect(air.aqi == .value(150))
    #expect(air.iaqi[.pm10] == .value(75))
    #expect(air.iaqi[.o3] == nil)
    #expect(air.primaryPollutants == [.pm25])
    #expect(air.category == .light)
}

@Test func tiedPollutantsAreAllPrimary() throws {
    let air = try #require(AirQuality(
        concentrations: [.pm25: 75, .pm10: 150, .o3: 100], period: .daily))
    #expect(air.aqi == .value(100))
    #expect(air.primaryPollutants == [.pm25, .pm10])
    let beyond = try #require(AirQuality(
        concentrations: [.pm25: 900, .pm10: 700, .so2: 10], period: .daily))
    #expect(beyond.aqi == .beyond500)
    #expect(beyond.primaryPollutants == [.pm25, .pm10])
}

@Test func noPrimaryPollutantAtOrBelow50() throws {
    let air = try #require(AirQuality(concentrations: [.pm25: 35, .pm10: 50], period: .daily))
    #expect(air.aqi == .value(50))
    #expect(air.primaryPollutants.isEmpty)
    #expect(air.category == .excellent)
}

@Test func categoriesAndColours() {
    let edges: [(Int, AQICategory)] = [
        (0, .excellent), (50, .excellent), (51, .good), (100, .good), (101, .light),
        (150, .light), (151, .moderate), (200, .moderate), (201, .heavy), (300, .heavy),
        (301, .severe), (500, .severe),
    ]
    for (aqi, category) in edges {
        #expect(AQIValue.value(aqi).category == category, "AQI \(aqi)")
    }
    #expect(AQICategory.allCases.map(\.rawValue)
            == ["excellent", "good", "light", "moderate", "heavy", "severe"])
    #expect(AQICategory.allCases.map(\.name.zh) == ["优", "良", "轻度污染", "中度污染", "重度污染", "严重污染"])
    #expect(AQICategory.allCases.map(\.colorHex)
            == ["#00E400", "#FFFF00", "#FF7E00", "#FF0000", "#99004C", "#7E0023"])
    #expect(AQICategory.good.isGood)
    #expect(!AQICategory.light.isGood)
}

@Test func pollutantsAreKeyedByHJ212Codes() {
    #expect(AirPollutant(code: "a34004") == .pm25)
    #expect(AirPollutant(code: "a34002") == .pm10)
    #expect(AirPollutant(code: "a21026") == .so2)
    #expect(AirPollutant(code: "a21004") == .no2)
    #expect(AirPollutant(code: "a21005") == .co)
    #expect(AirPollutant(code: "a05024") == .o3)
    #expect(AirPollutant(code: "PM25") == nil)
    #expect(AirPollutant.co.unit == "mg/m³")
    #expect(AirPollutant.pm25.unit == "µg/m³")
    #expect(AirPollutant.o3.name.zh == "臭氧")
    #expect(AQIStandard.hj633_2012.rawValue == "HJ 633-2012")
}
