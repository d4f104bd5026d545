/// What kind of county-level division a district is.
public enum DistrictKind: String, CaseIterable, Sendable, Codable {
    case district, city, county, zone
}

/// One of Ningbo's ten county-level divisions or four functional zones.
public struct District: Hashable, Sendable, Identifiable {
    /// Lower-case pinyin: `haishu`, `beilun`, `qianwan`, …
    public let id: String
    public let name: LocalizedText
    public let kind: DistrictKind
    /// The division a functional zone lies in; nil for the ten divisions.
    public let parentID: String?
    /// Haishu and Jiangbei have no coast: marine indicators do not apply there.
    public let coastal: Bool
    public let population: Int
    public let areaKm2: Double

    public init(id: String, name: LocalizedText, kind: DistrictKind, parentID: String?,
                coastal: Bool, population: Int, areaKm2: Double) {
        self.id = id
        self.name = name
        self.kind = kind
        self.parentID = parentID
        self.coastal = coastal
        self.population = population
        self.areaKm2 = areaKm2
    }
}

/// The city-wide area's ID in observations and reports.
public let cityAreaID = "ningbo"
