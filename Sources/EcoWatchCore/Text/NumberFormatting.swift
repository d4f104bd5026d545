import Foundation

/// A value as people read it: whole numbers without decimals, others with `decimals` places,
/// thousands not grouped (so it pastes into spreadsheets and scripts unchanged).
public func formatNumber(_ value: Double, decimals: Int = 1) -> String {
    guard value.isFinite else { return "—" }
    if value == value.rounded(), abs(value) < 1e12 { return String(Int64(value)) }
    return String(format: "%.\(decimals)f", value)
}

/// A signed change (`+1.2`, `−0.4`, `0`), with a true minus sign.
public func formatChange(_ value: Double, decimals: Int = 1) -> String {
    let text = formatNumber(abs(value), decimals: decimals)
    if text == "0" || Double(text) == 0 { return "0" }
    return (value > 0 ? "+" : "−") + text
}
