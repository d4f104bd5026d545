/// What a monitoring station measures.
public enum StationKind: String, CaseIterable, Sendable, Codable {
    /// Ambient air (HJ 212 ST 22).
    case air
    /// Surface water (ST 21), classed by GB 3838-2002.
    case water
    /// Near-shore seawater (ST 26), classed by GB 3097-1997.
    case sea
}

/// A monitoring station in the registry: who may send data, and how to read it.
public struct Station: Hashable, Sendable, Identifiable {
    /// HJ 212 MN, up to 24 characters.
    public let mn: String
    /// HJ 212 access password (PW), 6 characters.
    public let pw: String
    public let name: LocalizedText
    public let districtID: String
    public let kind: StationKind
    /// GB 3838 class `I`…`V` for water, GB 3097 class `1`…`4` for seawater, nil for air.
    public let targetClass: String?
    /// Standard pollutant codes it reports (`a34004`, `w21003`, …).
    public let codes: [String]
    /// Seconds between reports; three missed intervals make it stale.
    public let intervalSeconds: Int
    /// A logger's own names for codes (`PM25` → `a34004`).
    public let codeAliases: [String: String]
    /// Factor turning the station's particle values into µg/m³ (1, or 0.001 for ng/m³).
    public let particleScale: Double
    /// For water stations: true when the section is a lake or reservoir (its own TP limits).
    public let isLake: Bool

    public var id: String { mn }

    public init(mn: String, pw: String, name: LocalizedText, districtID: String, kind: StationKind,
                targetClass: String?, codes: [String], intervalSeconds: Int,
                codeAliases: [String: String] = [:], particleScale: Double = 1, isLake: Bool = false) {
        self.mn = mn
        self.pw = pw
        self.name = name
        self.districtID = districtID
        self.kind = kind
        self.targetClass = targetClass
        self.codes = codes
        self.intervalSeconds = intervalSeconds
        self.codeAliases = codeAliases
        self.particleScale = particleScale
        self.isLake = isLake
    }

    /// The standard code for a name a logger sent, through the station's alias map.
    public func standardCode(for name: String) -> String { codeAliases[name] ?? name }
}

/// One value a station reported, as stored.
public struct Reading: Hashable, Sendable {
    public let mn: String
    /// Standard pollutant code.
    public let code: String
    /// Measurement time, seconds since 1970 (UTC).
    public let time: Int64
    /// HJ 212 CN of the frame that carried it: 2011, 2051, 2061 or 2031.
    public let dataType: DataCommand
    public let value: Double
    /// HJ 212 data flag.
    public let flag: DataFlag

    public init(mn: String, code: String, time: Int64, dataType: DataCommand, value: Double, flag: DataFlag) {
        self.mn = mn
        self.code = code
        self.time = time
        self.dataType = dataType
        self.value = value
        self.flag = flag
    }
}
