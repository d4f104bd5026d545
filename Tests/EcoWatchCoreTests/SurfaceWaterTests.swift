import Testing
import EcoWatchCore

@Test func dissolvedOxygenIsALowerBound() {
    let oxygen = SurfaceWaterParameter.dissolvedOxygen
    #expect(oxygen.waterClass(of: 7.5, in: .river) == .I)
    #expect(oxygen.waterClass(of: 7.4, in: .river) == .II)
    #expect(oxygen.waterClass(of: 5.0, in: .river) == .III)
    #expect(oxygen.waterClass(of: 4.9, in: .river) == .IV)
    #expect(oxygen.waterClass(of: 2.0, in: .river) == .V)
    #expect(oxygen.waterClass(of: 1.9, in: .river) == .worseThanV)
    #expect(oxygen.waterClass(of: 0, in: .river) == .worseThanV)
}

@Test func valueAtALimitBelongsToThatClass() {
    let ammonia = SurfaceWaterParameter.ammoniaNitrogen
    #expect(ammonia.waterClass(of: 0.15, in: .river) == .I)
    #expect(ammonia.waterClass(of: 0.5, in: .river) == .II)
    #expect(ammonia.waterClass(of: 0.51, in: .river) == .III)
    #expect(ammonia.waterClass(of: 2.0, in: .river) == .V)
    #expect(ammonia.waterClass(of: 2.01, in: .river) == .worseThanV)
    // Classes I and II share the COD and BOD5 limits: the better class wins.
    #expect(SurfaceWaterParameter.cod.waterClass(of: 15, in: .river) == .I)
    #expect(SurfaceWaterParameter.bod5.waterClass(of: 3.5, in: .river) == .III)
    #expect(SurfaceWaterParameter.permanganateIndex.waterClass(of: 6, in: .river) == .III)
}

@Test func totalPhosphorusDependsOnTheWaterBody() {
    let phosphorus = SurfaceWaterParameter.totalPhosphorus
    #expect(phosphorus.waterClass(of: 0.1, in: .river) == .II)
    #expect(phosphorus.waterClass(of: 0.1, in: .lakeOrReservoir) == .IV)
    #expect(phosphorus.waterClass(of: 0.05, in: .lakeOrReservoir) == .III)
    #expect(phosphorus.waterClass(of: 0.3, in: .lakeOrReservoir) == .worseThanV)
    #expect(phosphorus.limit(for: .III, in: .river) == 0.2)
    #expect(phosphorus.limit(for: .III, in: .lakeOrReservoir) == 0.05)
    #expect(phosphorus.limit(for: .worseThanV, in: .river) == nil)
}

@Test func sectionClassIsTheWorstParameter() throws {
    let section = try #require(SurfaceWaterQuality(values: [
        .dissolvedOxygen: 6.5, .permanganateIndex: 3.1, .ammoniaNitrogen: 1.2,
        .totalPhosphorus: 0.15,
    ], in: .river))
    #expect(section.waterClass == .IV)
    #expect(section.limitingParameters == [.ammoniaNitrogen])
    #expect(section.parameterClasses[.dissolvedOxygen] == .II)
    #expect(section.parameterClasses[.totalPhosphorus] == .III)
    #expect(!section.waterClass.isGood)

    let tied = try #require(SurfaceWaterQuality(values: [
        .dissolvedOxygen: 5.5, .ammoniaNitrogen: 0.9, .cod: 12,
    ], in: .river))
    #expect(tied.waterClass == .III)
    #expect(tied.limitingParameters == [.dissolvedOxygen, .ammoniaNitrogen])
    #expect(tied.waterClass.isGood)
}

@Test func unusableValuesAreIgnored() throws {
    let section = try #require(SurfaceWaterQuality(values: [
        .dissolvedOxygen: .nan, .ammoniaNitrogen: -0.2, .cod: 18, .totalPhosphorus: .infinity,
    ], in: .river))
    #expect(section.waterClass == .III)
    #expect(section.parameterClasses.keys.sorted { $0.rawValue < $1.rawValue } == [.cod])
    #expect(SurfaceWaterQuality(values: [.cod: .nan], in: .river) == nil)
    #expect(SurfaceWaterParameter.cod.waterClass(of: -1, in: .river) == nil)
}

@Test func waterClassesOrderAndNames() {
    #expect(WaterClass.I < .II)
    #expect(WaterClass.V < .worseThanV)
    #expect(WaterClass.allCases.map(\.rawValue) == ["I", "II", "III", "IV", "V", "worse-than-V"])
    #expect(WaterClass.worseThanV.name.zh == "劣Ⅴ类")
    #expect(WaterClass.III.name.zh == "Ⅲ类")
    #expect(WaterClass.allCases.filter(\.isGood) == [.I, .II, .III])
}

@Test func targetClassesParseFromText() {
    #expect(WaterClass(text: "III") == .III)
    #expect(WaterClass(text: " ii ") == .II)
    #expect(WaterClass(text: "Ⅳ") == .IV)
    #expect(WaterClass(text: "III类") == .III)
    #expect(WaterClass(text: "class V") == .V)
    #expect(WaterClass(text: "劣V") == .worseThanV)
    #expect(WaterClass(text: "劣Ⅴ类") == .worseThanV)
    #expect(WaterClass(text: "worse-than-V") == .worseThanV)
    #expect(WaterClass(text: "VI") == nil)
    #expect(WaterClass(text: "3") == nil)
    #expect(WaterClass(text: "") == nil)
}

@Test func parametersAreKeyedByHJ212Codes() {
    #expect(SurfaceWaterParameter(code: "w01009") == .dissolvedOxygen)
    #expect(SurfaceWaterParameter(code: "w01019") == .permanganateIndex)
    #expect(SurfaceWaterParameter(code: "w01018") == .cod)
    #expect(SurfaceWaterParameter(code: "w21003") == .ammoniaNitrogen)
    #expect(SurfaceWaterParameter(code: "w21011") == .totalPhosphorus)
    #expect(SurfaceWaterParameter(code: "w21001") == nil)
    #expect(SurfaceWaterParameter.bod5.code == nil)
}
