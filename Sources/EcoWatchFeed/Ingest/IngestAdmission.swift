import EcoWatchCore

/// Why a well-formed packet was refused, and what to answer (9011 `QnRtn`).
public struct IngestRefusal: Error, Hashable, Sendable {
    /// Counted by `report feed`: `wrong-mn`, `wrong-pw`, `wrong-st`, `wrong-cn`, `rate`, or a
    /// codec reason (`crc`, `length`, …).
    public let reason: String
    /// The MN the frame claimed, when it could be read.
    public let mn: String?
    /// The 9011 answer, when the standard has one for this refusal.
    public let answer: HJ212RequestResult?

    public init(reason: String, mn: String?, answer: HJ212RequestResult?) {
        self.reason = reason
        self.mn = mn
        self.answer = answer
    }
}

/// The registry check: turns a decoded packet into what the store keeps, or refuses it.
/// Pure; the rate limit lives in the service.
public struct IngestAdmission: Sendable {
    public let stations: [String: Station]

    public init(stations: [Station]) {
        self.stations = Dictionary(stations.map { ($0.mn, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The data commands stored: real-time, minute, hourly and daily data.
    public static let dataCommands: Set<Int> = [2011, 2051, 2061, 2031]

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
    /// with its flag (N when absent).
    public func admit(_ packet: HJ212Packet) -> Result<IngestFrame, IngestRefusal> {
        guard let station = stations[packet.mn] else {
            return .failure(IngestRefusal(reason: "wrong-mn", mn: packet.mn, answer: .wrongMN))
        }
        guard packet.pw == station.pw else {
            return .failure(IngestRefusal(reason: "wrong-pw", mn: packet.mn, answer: .wrongPassword))
        }
        guard packet.st == Self.systemType(of: station.kind) else {
            return .failure(IngestRefusal(reason: "wrong-st", mn: packet.mn, answer: .wrongST))
        }
        guard Self.dataCommands.contains(packet.cn) else {
            return .failure(IngestRefusal(reason: "wrong-cn", mn: packet.mn, answer: .wrongCN))
        }
        guard let dataTime = packet.cp.dataTime, let time = chinaTimeToEpoch(dataTime) else {
            return .failure(IngestRefusal(reason: "missing-field", mn: packet.mn, answer: .refused))
        }
        var readings: [Reading] = []
        readings.reserveCapacity(packet.cp.pollutants.count)
        for pollutant in packet.cp.pollutants {
            guard let value = packet.cn == 2011 ? pollutant.rtd : pollutant.avg else { continue }
            readings.append(Reading(mn: station.mn, code: station.standardCode(for: pollutant.name), time: time,
                                    dataType: packet.cn, value: value, flag: pollutant.flag ?? "N"))
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
    guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
          hour < 24, minute < 60, second < 60 else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - 8 * 3600
}

/// `seconds` since 1970 as `YYYYMMDDhhmmss` in China time.
public func epochToChinaTime(_ seconds: Int64) -> String {
    let local = seconds + 8 * 3600
    let days = Int(local.quotient(dividingBy: 86_400))
    let rest = Int(local - Int64(days) * 86_400)
    let (year, month, day) = civilFromDays(days)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(year)" + two(month) + two(day) + two(rest / 3600) + two(rest / 60 % 60) + two(rest % 60)
}

private extension Int64 {
    /// Division rounding toward minus infinity.
    func quotient(dividingBy d: Int64) -> Int64 { self >= 0 ? self / d : -((-self + d - 1) / d) }
}

private func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
private func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}

private func civilFromDays(_ days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
}
