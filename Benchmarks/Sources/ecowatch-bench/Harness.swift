/// A small, honest harness: warm up, then time every iteration on its own with a monotonic
/// clock and report the minimum, median and 90th percentile (medians are what to quote).
struct Measurement {
    let name: String
    let unit: String
    let samples: [Double]

    var sorted: [Double] { samples.sorted() }
    var minimum: Double { sorted.first ?? .nan }
    var median: Double { sorted.isEmpty ? .nan : sorted[sorted.count / 2] }
    var p90: Double { sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, sorted.count * 9 / 10)] }
}

/// Times `body` `iterations` times after `warmup` runs; the samples are in microseconds.
func measure(_ name: String, warmup: Int = 50, iterations: Int = 500, _ body: () -> Void) -> Measurement {
    for _ in 0..<warmup { body() }
    let clock = ContinuousClock()
    var samples: [Double] = []
    samples.reserveCapacity(iterations)
    for _ in 0..<iterations {
        let start = clock.now
        body()
        let elapsed = start.duration(to: clock.now)
        samples.append(Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12)
    }
    return Measurement(name: name, unit: "µs", samples: samples)
}

func report(_ m: Measurement) {
    func f(_ x: Double) -> String { x >= 100 ? String(Int(x.rounded())) : String((x * 100).rounded() / 100) }
    print("\(m.name.padding(toLength: 44, withPad: " ", startingAt: 0))  min \(f(m.minimum)) \(m.unit)  median \(f(m.median)) \(m.unit)  p90 \(f(m.p90)) \(m.unit)  (n=\(m.samples.count))")
}
