import Foundation

/// Rounds `value` to `places` decimal places as GB/T 8170-2008 says (四舍六入五成双: round half
/// to even), on the value as written in decimal (its shortest round-trip form), so 89.95 → 90.0
/// and 89.85 → 89.8 at one place although neither is exact in binary.
public func roundHalfEven(_ value: Double, places: Int) -> Double {
    guard value.isFinite else { return value }
    guard var decimal = Decimal(string: "\(value)", locale: Locale(identifier: "en_US_POSIX")) else { return value }
    var rounded = Decimal()
    NSDecimalRound(&rounded, &decimal, places, .bankers)
    return NSDecimalNumber(decimal: rounded).doubleValue
}

/// `value` written with exactly `places` decimals (`90.0`, `26`), as it is judged.
public func formatFixed(_ value: Double, places: Int) -> String {
    guard value.isFinite else { return "—" }
    return String(format: "%.\(max(0, places))f", value)
}
