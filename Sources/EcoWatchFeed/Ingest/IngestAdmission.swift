import EcoWatchCore

/// Why a well-formed packet was refused, and what to answer (9011 `QnRtn`).
public struct IngestRefusal: Error, Hashable, Sendable {
    /// Counted by `report feed`.
    public let reason: RefusalReason
    /// The MN the frame claimed, when it could be read.
    public let mn: String?
    /// The 9011 answer, when the standard has one for this refusal.
    public let answer: HJ212RequestResult?

    public init(reason: RefusalReason, mn: String?, answer: HJ212RequestResult?) {
        self.reason = reason
        self.mn = mn
        self.answer = answer
    }
}

/// The registry check: turns a decoded packet into what the store keeps, or refuses it.
public struct IngestAdmission: Sendable {
    public let stations: [String: Station]

    public init(stations: [Station]) {
        self.stations = Dictionary(stations.map { ($0.mn, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The HJ 212 ST a station of `kind` sends.
    public static func systemType(of kind: StationKind) -> Int {
        switch kind {
        case .water: 21
        case .air: 22
        case .sea: 26
        }
    }

    /// MN known, PW right, ST the station's kind, CN a data command, DataTime present; then
    /// each pollutant's value (`-Rtd` for 2011, `-Avg` otherwise) under its standard code,
    /// with its flag (N when absent; a flag outside the vocabulary refuses the frame).
    public func admit(_ packet: HJ212Packet) -> Result<IngestFrame, IngestRefusal> {
        guard let station = stations[packet.mn] else {
            return .failure(IngestRefusal(reason: .wrongMN, mn: packet.mn, answer: .wrongMN))
        }
        guard packet.pw == station.pw else {
            return .failure(IngestRefusal(reason: .wrongPW, mn: packet.mn, answer: .wrongPassword))
        }
        guard packet.st == Self.systemType(of: station.kind) else {
            return .failure(IngestRefusal(reason: .wrongST, mn: packet.mn, answer: .wrongST))
        }
        guard packet.cn.isData else {
            return .failure(IngestRefusal(reason: .wrongCN, mn: packet.mn, answer: .wrongCN))
        }
        guard let dataTime = packet.cp.dataTime, let time = chinaTimeToEpoch(dataTime) else {
            return .failure(IngestRefusal(reason: .missingField, mn: packet.mn, answer: .refused))
        }
        var readings: [Reading] = []
        readings.reserveCapacity(packet.cp.pollutants.count)
        for pollutant in packet.cp.pollutants {
            guard let value = packet.cn == .realTime ? pollutant.rtd : pollutant.avg else { continue }
            guard let flag = pollutant.flag.map(DataFlag.init(rawValue:)) ?? .normal else {
                return .failure(IngestRefusal(reason: .wrongFlag, mn: packet.mn, answer: .wrongFlag))
            }
            readings.append(Reading(mn: station.mn, code: station.standardCode(for: pollutant.name), time: time,
                                    dataType: packet.cn, value: value, flag: flag))
        }
        return .success(IngestFrame(mn: station.mn, qn: packet.qn, dataType: packet.cn, readings: readings))
    }
}

/// `YYYYMMDDhhmmss` in China time (UTC+8, no daylight saving) as seconds since 1970; nil when
/// it is not 14 digits of a real date and time.
public func chinaTimeToEpoch(_ text: String) -> Int64? {
    let bytes = Array(text.utf8)
    guard bytes.count == 14, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    func number(_ from: Int, _ count: Int) -> Int {
        bytes[from..<(from + count)].reduce(0) { $0 * 10 + Int($1 - 48) }
    }
    let year = number(0, 4), month = number(4, 2), day = number(6, 2)
    let hour = number(8, 2), minute = number(10, 2), second = number(12, 2)
    guard let date = Day(year: year, month: month, day: day), hour < 24, minute < 60, second < 60 else { return nil }
    return Int64(date.ordinal) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - 8 * 3600
}

/// `seconds` since 1970 as `YYYYMMDDhhmmss` in China time.
public func epochToChinaTime(_ seconds: Int64) -> String {
    let local = seconds + 8 * 3600
    let days = Int(local.quotient(dividingBy: 86_400))
    let rest = Int(local - Int64(days) * 86_400)
    let date = Day(ordinal: days)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(date.year)" + two(date.month) + two(date.day) + two(rest / 3600) + two(rest / 60 % 60) + two(rest % 60)
}

private extension Int64 {
    /// Division rounding toward minus infinity.
    func quotient(dividingBy d: Int64) -> Int64 { self >= 0 ? self / d : -((-self + d - 1) / d) }
}
