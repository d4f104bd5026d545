import Foundation
import EcoWatchCore

/// A small deterministic random generator (SplitMix64): the same seed gives the same traffic.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in 0..<1 that depends only on the inputs: for episodes and outages that must
    /// not depend on how many frames were sent before.
    public static func unit(_ parts: UInt64...) -> Double {
        var generator = SeededRandom(seed: parts.reduce(0x5EED) { $0 &* 31 &+ $1 })
        _ = generator.next()
        return Double(generator.next() >> 11) / Double(1 << 53)
    }
}

/// What a station measures at a moment: daily and seasonal shapes (PM2.5 higher on winter
/// nights, O3 on summer afternoons, NO2 at rush hours), noise, and the episodes and outages
/// the simulator schedules.
public enum SimulatedWeather {
    /// Minutes in the slots episodes and outages are decided for.
    public static let episodeSlotSeconds: Int64 = 1800
    public static let outageSlotSeconds: Int64 = 300

    /// Whether a pollution episode is under way at the station (about 1 half-hour in 12).
    public static func episode(station: Station, time: Int64, seed: UInt64) -> Bool {
        SeededRandom.unit(seed, stableHash(station.mn), UInt64(time / episodeSlotSeconds), 1) < 0.08
    }

    /// Whether the station is silent (an outage of five minutes, about 1 slot in 40).
    public static func outage(station: Station, time: Int64, seed: UInt64) -> Bool {
        SeededRandom.unit(seed, stableHash(station.mn), UInt64(time / outageSlotSeconds), 2) < 0.025
    }

    /// The value of `code` at `time` (seconds since 1970), in the station's own units
    /// (particles in ng/m³ for a station whose scale is 0.001).
    public static func value(code: String, station: Station, time: Int64, episode: Bool,
                             random: inout SeededRandom) -> Double {
        let local = Double(time + 8 * 3600)
        let hour = local.truncatingRemainder(dividingBy: 86_400) / 3600
        let dayOfYear = (local / 86_400).truncatingRemainder(dividingBy: 365.25)
        func wave(_ x: Double, peak: Double, period: Double) -> Double { cos(2 * .pi * (x - peak) / period) }
        let winter = wave(dayOfYear, peak: 15, period: 365.25)       // 1 in mid-January, -1 in July
        let night = wave(hour, peak: 2, period: 24)                   // 1 at 2 am
        let afternoon = wave(hour, peak: 15, period: 24)              // 1 at 3 pm
        let rush = max(wave(hour, peak: 8, period: 24), wave(hour, peak: 18, period: 24))
        let noise = 1 + 0.08 * (Double.random(in: -1...1, using: &random))
        let burst = episode ? 3.2 : 1
        var value: Double
        switch code {
        case "a34004": value = 32 * (1 + 0.45 * winter) * (1 + 0.25 * night) * burst
        case "a34002": value = 55 * (1 + 0.4 * winter) * (1 + 0.2 * night) * (episode ? 2.6 : 1)
        case "a21026": value = 7 * (1 + 0.3 * winter)
        case "a21004": value = 28 * (1 + 0.35 * rush) * (1 + 0.2 * winter) * (episode ? 1.8 : 1)
        case "a21005": value = 0.7 * (1 + 0.3 * winter) * (1 + 0.2 * night)
        case "a05024": value = max(5, 70 * (1 - 0.45 * winter) * (1 + 0.7 * afternoon))
        case "a01001": value = 17 - 10 * winter + 4 * afternoon
        case "a01002": value = 72 + 12 * night
        case "a01007": value = 2.5 + 1.2 * afternoon
        case "a01008": value = Double(Int.random(in: 0..<360, using: &random))
        case "w01001": value = 7.4 + 0.2 * afternoon
        case "w21001": value = 1.6 * (episode ? 1.8 : 1)
        case "w01009":
            // Oxygen is lowest in summer and drops in an episode.
            value = (station.kind == .sea ? 7.0 : baseline(for: code, station: station) ?? 7) * (1 + 0.1 * winter) * (episode ? 0.55 : 1)
        default:
            value = (baseline(for: code, station: station) ?? 1) * (1 + 0.1 * afternoon) * (episode ? 1.9 : 1)
        }
        if code != "a01008" { value *= noise }
        if code == "a34004" || code == "a34002" { value /= station.particleScale }
        return (value * 1000).rounded() / 1000
    }

    /// For water and seawater: a value that usually keeps the station within its target class.
    private static func baseline(for code: String, station: Station) -> Double? {
        switch station.kind {
        case .water:
            guard let parameter = SurfaceWaterParameter(code: code),
                  let target = station.targetClass.flatMap(WaterClass.init(text:)),
                  let limit = parameter.limit(for: target, in: station.isLake ? .lakeOrReservoir : .river) else { return nil }
            return parameter.isLowerBound ? limit * 1.25 : limit * 0.7
        case .sea:
            guard let parameter = SeawaterParameter(code: code),
                  let target = station.targetClass.flatMap(SeaClass.init(text:)),
                  let limit = parameter.limit(for: target) else { return nil }
            return limit * 0.75
        case .air:
            return nil
        }
    }

    /// A data flag: N nearly always; now and then one of the others.
    public static func flag(random: inout SeededRandom) -> DataFlag {
        guard Double.random(in: 0..<1, using: &random) < 0.02 else { return .normal }
        let others: [DataFlag] = [.maintenance, .calibration, .fault, .overRange, .communicationError, .stopped, .manuallySet]
        return others.randomElement(using: &random) ?? .maintenance
    }

    /// FNV-1a of a string: stable across runs (Swift's `hashValue` is not).
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }
}
