/// A `name=value` item kept as text: a CP parameter that is not a pollutant value
/// (`RtdInterval=30`, `QnRtn=1`), or a pollutant item with an unusual suffix.
public struct HJ212Field: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
