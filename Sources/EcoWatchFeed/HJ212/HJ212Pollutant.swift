/// One pollutant's items in a CP section, gathered from `name-Suffix=value` items
/// (`a34004-Rtd=38.2,a34004-Flag=N`).
///
/// The name is kept as sent: a logger's own names (`PM25`) are mapped to standard codes by the
/// station's registry entry, not here.
public struct HJ212Pollutant: Hashable, Sendable {
    /// The code or name as sent, without the suffix: `a34004`, `w21003`, `PM25`.
    public var name: String
    /// `-Rtd`: the real-time value.
    public var rtd: Double?
    /// `-Min`, `-Avg`, `-Max`: over the period of minute, hourly or daily data.
    public var min: Double?
    public var avg: Double?
    public var max: Double?
    /// `-Cou`: the cumulative amount over the period.
    public var cou: Double?
    /// `-Flag`: the data flag, `N` normal, `F` stopped, `M` maintenance, `S` set by hand,
    /// `D` fault, `C` calibration, `T` over range, `B` communication error.
    public var flag: String?
    /// Items with any other suffix (`-ZsRtd`, `-SampleTime`, `-EFlag`, …), in order, with their
    /// text as sent (the name of each is the suffix alone).
    public var otherItems: [HJ212Field]

    public init(name: String, rtd: Double? = nil, min: Double? = nil, avg: Double? = nil,
                max: Double? = nil, cou: Double? = nil, flag: String? = nil,
                otherItems: [HJ212Field] = []) {
        self.name = name
        self.rtd = rtd
        self.min = min
        self.avg = avg
        self.max = max
        self.cou = cou
        self.flag = flag
        self.otherItems = otherItems
    }
}
