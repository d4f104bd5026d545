/// HJ 212-2017 `-Flag`: the state of the monitor when it took a value.
public enum DataFlag: String, CaseIterable, Hashable, Sendable, Codable {
    case normal = "N"
    case stopped = "F"
    case maintenance = "M"
    case manuallySet = "S"
    case fault = "D"
    case calibration = "C"
    case overRange = "T"
    case communicationError = "B"

    /// Only N values count toward averages, roll-ups and targets (HJ 212-2017).
    public var countsTowardStatistics: Bool { self == .normal }
}

/// HJ 212-2017 CN: what a packet is. A struct, not an enum, so that a code the service does not
/// handle can still be read, logged and refused by value.
public struct DataCommand: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    ExpressibleByIntegerLiteral, CustomStringConvertible {
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(integerLiteral value: Int) { self.rawValue = value }

    /// 2011: real-time data (`-Rtd`).
    public static let realTime: DataCommand = 2011
    /// 2051: minute data (`-Avg` over the minute interval). Sent by the platform with
    /// `BeginTime`/`EndTime`, a history request for minute data.
    public static let minute: DataCommand = 2051
    /// 2061: hourly data. Sent by the platform with `BeginTime`/`EndTime`, a history request.
    public static let hourly: DataCommand = 2061
    /// 2031: daily data. Sent by the platform with `BeginTime`/`EndTime`, a history request.
    public static let daily: DataCommand = 2031
    /// 9011: request answer (`QnRtn`).
    public static let requestAnswer: DataCommand = 9011
    /// 9012: execution result (`ExeRtn`).
    public static let executionResult: DataCommand = 9012
    /// 9013: notification answer.
    public static let notificationAnswer: DataCommand = 9013
    /// 9014: data answer (the platform's acknowledgement of an upload).
    public static let dataAnswer: DataCommand = 9014

    /// The data commands a platform stores.
    public static let data: Set<DataCommand> = [.realTime, .minute, .hourly, .daily]

    /// Whether packets of this CN carry monitoring data to store.
    public var isData: Bool { Self.data.contains(self) }

    /// The commands a platform may send as a history request (with `BeginTime`/`EndTime`).
    public var isHistory: Bool { self == .minute || self == .hourly || self == .daily }

    /// The nominal spacing of consecutive records of this CN in seconds (minute, hourly, daily);
    /// nil for real-time data (its interval is the station's) and for non-data commands.
    public var recordInterval: Int64? {
        switch self {
        case .minute: 60
        case .hourly: 3600
        case .daily: 86_400
        default: nil
        }
    }

    public var description: String { String(rawValue) }

    public static func < (lhs: DataCommand, rhs: DataCommand) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Why a frame was refused. The raw values are stable: they are what the database and
/// `report feed` (text and JSON) count by.
public enum RefusalReason: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    /// Bytes outside any frame (nothing starting with `##`).
    case notAFrame = "not-a-frame"
    /// The length field is not 4 digits or disagrees with the data segment, or the frame was
    /// cut short by the next `##`.
    case length
    /// The CRC field is not 4 hex digits or does not match the data segment.
    case crc
    /// The data segment is longer than the limit (1024 bytes by default).
    case tooLong = "too-long"
    /// A field of the data segment (QN, ST, CN, PW, MN, Flag, PNUM, PNO) is malformed,
    /// repeated or unknown.
    case badField = "bad-field"
    /// A required field is absent (DataTime included).
    case missingField = "missing-field"
    /// The CP section is malformed: not `&&…&&`, an item without `=`, a value that is not a
    /// number, a bad DataTime.
    case badCP = "bad-cp"
    /// The MN is not in the registry.
    case wrongMN = "wrong-mn"
    /// The PW is not the station's.
    case wrongPW = "wrong-pw"
    /// The ST is not the one of the station's kind.
    case wrongST = "wrong-st"
    /// The CN is not a data command.
    case wrongCN = "wrong-cn"
    /// A pollutant's `-Flag` is not one of N F M S D C T B.
    case wrongFlag = "wrong-flag"

    /// Refusals found by the codec, before anything the frame claims can be trusted.
    public var isMalformed: Bool {
        switch self {
        case .notAFrame, .length, .crc, .tooLong, .badField, .missingField, .badCP: true
        case .wrongMN, .wrongPW, .wrongST, .wrongCN, .wrongFlag: false
        }
    }

    public static func < (lhs: RefusalReason, rhs: RefusalReason) -> Bool { lhs.rawValue < rhs.rawValue }
}
