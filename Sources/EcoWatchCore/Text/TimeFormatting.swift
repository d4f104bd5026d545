/// A moment (seconds since 1970) as Ningbo's clock reads it (UTC+8): `2026-11-29 14:03`.
public func formatMoment(_ seconds: Int64) -> String {
    let local = seconds + 8 * 3600
    let day = Day(ordinal: Int((Double(local) / 86_400).rounded(.down)))
    let secondOfDay = Int(local - Int64(day.ordinal) * 86_400)
    return day.description + " " + twoDigits(secondOfDay / 3600) + ":" + twoDigits(secondOfDay / 60 % 60)
}

/// How long ago, briefly: `42s`, `7m`, `3h`, `2d`.
public func formatAge(_ seconds: Int64) -> String {
    switch max(0, seconds) {
    case ..<60: "\(max(0, seconds))s"
    case ..<3600: "\(seconds / 60)m"
    case ..<86_400: "\(seconds / 3600)h"
    default: "\(seconds / 86_400)d"
    }
}

private func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
