import Foundation

/// What a generated station measures at a moment: daily and seasonal shapes (particles higher
/// on winter nights, ozone on summer afternoons, NO₂ at rush hours), small noise, and now and
/// then a pollution episode. Deterministic for a given seed.
struct HistoryShape {
    /// The waves of one moment, shared by every code of a station.
    struct Moment {
        let winter: Double      // 1 in mid-January, -1 in mid-July
        let night: Double       // 1 at 2 am Beijing time
        let afternoon: Double   // 1 at 3 pm
        let rush: Double        // 1 at 8 am and 6 pm

        init(time: Int64) {
            let local = Double(time + 8 * 3600)
            let hour = local.truncatingRemainder(dividingBy: 86_400) / 3600
            let dayOfYear = (local / 86_400).truncatingRemainder(dividingBy: 365.25)
            func wave(_ x: Double, peak: Double, period: Double) -> Double { cos(2 * .pi * (x - peak) / period) }
            winter = wave(dayOfYear, peak: 15, period: 365.25)
            night = wave(hour, peak: 2, period: 24)
            afternoon = wave(hour, peak: 15, period: 24)
            rush = max(wave(hour, peak: 8, period: 24), wave(hour, peak: 18, period: 24))
        }
    }

    /// The value of `code` at a moment, in the station's own units, rounded to 0.001.
    static func value(code: String, station: Station, at m: Moment, episode: Bool, random: inout GeneratorRandom) -> Double {
        let noise = 1 + 0.1 * (random.unit() * 2 - 1)
        var value: Double
        switch code {
        case "a34004": value = 30 * (1 + 0.5 * m.winter) * (1 + 0.3 * m.night) * (episode ? 3 : 1)
        case "a34002": value = 52 * (1 + 0.4 * m.winter) * (1 + 0.2 * m.night) * (episode ? 2.5 : 1)
        case "a21026": value = 6 * (1 + 0.35 * m.winter)
        case "a21004": value = 27 * (1 + 0.4 * m.rush) * (1 + 0.2 * m.winter) * (episode ? 1.7 : 1)
        case "a21005": value = 0.65 * (1 + 0.3 * m.winter) * (1 + 0.2 * m.night)
        case "a05024": value = max(4, 68 * (1 - 0.45 * m.winter) * (1 + 0.7 * m.afternoon))
        case "a01001": value = 17 - 10 * m.winter + 4 * m.afternoon
        case "a01002": value = 74 + 12 * m.night
        case "a01007": value = 2.4 + 1.2 * m.afternoon
        case "a01008": value = random.unit() * 360
        case "w01001": value = 7.5 + 0.2 * m.afternoon
        case "w01009": value = 7.2 * (1 + 0.12 * m.winter) * (episode ? 0.6 : 1)
        case "w01019": value = 3.8 * (1 + 0.1 * m.afternoon) * (episode ? 1.6 : 1)
        case "w01018": value = 14 * (episode ? 1.6 : 1)
        case "w21003": value = 0.6 * (1 - 0.2 * m.winter) * (episode ? 2 : 1)
        case "w21011": value = (station.isLake ? 0.035 : 0.14) * (episode ? 1.8 : 1)
        case "w21001": value = 1.5 * (episode ? 1.7 : 1)
        case "w21017": value = 0.02 * (episode ? 1.8 : 1)
        case "w21018": value = 0.28 * (1 + 0.2 * m.winter) * (episode ? 1.8 : 1)
        default: value = 1 + 0.1 * m.afternoon
        }
        if code != "a01008" { value *= noise }
        if code == "a34004" || code == "a34002" { value /= station.particleScale }
        return (value * 1000).rounded() / 1000
    }
}

/// A small, fast deterministic generator (xorshift64*): the same seed, the same history.
struct GeneratorRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    /// A value in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }
}
