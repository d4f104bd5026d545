/// A moment (seconds since 1970) as Ningbo's clock reads it (UTC+8): `2026-11-29 14:03`.
public func formatMoment(_ seconds: Int64) -> String {
    let local = seconds + 8 * 3600
    let day = Day(ordinal: Int((Double(local) / 86_400).rounded(.down)))
    let secondOfDay = Int(local - Int64(day.ordinal) * 86_400)
    return day.description + " " + twoDigits(secondOfDay / 3600) + ":" + twoDigits(secondOfDay / 60 % 60)
}

/// The clock time of a moment in Ningbo (UTC+8): `14:03`.
public func formatClock(_ seconds: Int64) -> String { String(formatMoment(seconds).suffix(5)) }

/// How long ago, briefly: `42s`, `7m`, `3h`, `2d`; in Chinese `42秒`, `7分`, `3小时`, `2天`.
public func formatAge(_ seconds: Int64, _ language: Language = .en) -> String {
    let s = max(0, seconds)
    let (count, unit): (Int64, LocalizedText) = switch s {
    case ..<60: (s, LocalizedText(zh: "秒", en: "s"))
    case ..<3600: (s / 60, LocalizedText(zh: "分", en: "m"))
    case ..<86_400: (s / 3600, LocalizedText(zh: "小时", en: "h"))
    default: (s / 86_400, LocalizedText(zh: "天", en: "d"))
    }
    return "\(count)" + unit[language]
}

private func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
