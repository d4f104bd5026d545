import Testing
import EcoWatchCore

@Test func inorganicNitrogenAtTheEdges() {
    let nitrogen = SeawaterParameter.inorganicNitrogen
    #expect(nitrogen.seaClass(of: 0.20) == .one)
    #expect(nitrogen.seaClass(of: 0.21) == .two)
    #expect(nitrogen.seaClass(of: 0.30) == .two)
    #expect(nitrogen.seaClass(of: 0.40) == .three)
    #expect(nitrogen.seaClass(of: 0.50) == .four)
    #expect(nitrogen.seaClass(of: 0.51) == .worseThanFour)
}

@Test func phosphateSharedLimitGoesToTheBetterClass() {
    let phosphate = SeawaterParameter.activePhosphate
    #expect(phosphate.seaClass(of: 0.015) == .one)
    #expect(phosphate.seaClass(of: 0.016) == .two)
    #expect(phosphate.seaClass(of: 0.030) == .two)
    #expect(phosphate.seaClass(of: 0.031) == .four)
    #expect(phosphate.seaClass(of: 0.045) == .four)
    #expect(phosphate.seaClass(of: 0.046) == .worseThanFour)
    #expect(phosphate.limit(for: .three) == 0.030)
    #expect(phosphate.limit(for: .worseThanFour) == nil)
}

@Test func sampleClassIsTheWorstParameter() throws {
    let sample = try #require(SeawaterQuality(values: [.inorganicNitrogen: 0.62,
                                                        .activePhosphate: 0.028]))
    #expect(sample.seaClass == .worseThanFour)
    #expect(sample.limitingParameters == [.inorganicNitrogen])
    #expect(sample.parameterClasses[.activePhosphate] == .two)
    let good = try #require(SeawaterQuality(values: [.inorganicNitrogen: 0.25,
                                                      .activePhosphate: 0.02]))
    #expect(good.seaClass == .two)
    #expect(good.limitingParameters == [.inorganicNitrogen, .activePhosphate])
    #expect(good.seaClass.isGood)
}

@Test func unusableSeawaterValuesAreIgnored() {
    #expect(SeawaterParameter.activePhosphate.seaClass(of: -0.01) == nil)
    #expect(SeawaterParameter.activePhosphate.seaClass(of: .nan) == nil)
    #expect(SeawaterQuality(values: [.inorganicNitrogen: .nan]) == nil)
    #expect(SeawaterQuality(values: [.inorganicNitrogen: .nan, .activePhosphate: 0.01])?.seaClass
            == .one)
}

@Test func seaClassesOrderNamesAndCodes() {
    #expect(SeaClass.one < .two)
    #expect(SeaClass.four < .worseThanFour)
    #expect(SeaClass.allCases.map(\.rawValue) == ["1", "2", "3", "4", "worse-than-4"])
    #expect(SeaClass.worseThanFour.name.zh == "劣四类")
    #expect(SeaClass.allCases.filter(\.isGood) == [.one, .two])
    #expect(SeawaterParameter(code: "w21017") == .inorganicNitrogen)
    #expect(SeawaterParameter(code: "w21018") == .activePhosphate)
    #expect(SeawaterParameter(code: "w21001") == nil)
}

@Test func seaTargetClassesParseFromText() {
    #expect(SeaClass(text: "2") == .two)
    #expect(SeaClass(text: " 4 ") == .four)
    #expect(SeaClass(text: "二类") == .two)
    #expect(SeaClass(text: "第三类") == .three)
    #expect(SeaClass(text: "Class 1") == .one)
    #expect(SeaClass(text: "劣四类") == .worseThanFour)
    #expect(SeaClass(text: "worse-than-4") == .worseThanFour)
    #expect(SeaClass(text: "5") == nil)
    #expect(SeaClass(text: "II") == nil)
}
