import Foundation

/// Monotonic time and summary statistics for benchmarks.
enum BenchClock {
    /// Nanoseconds on the monotonic clock.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Runs `body` `count` times and returns each duration in milliseconds.
    static func sample(_ count: Int, _ body: () throws -> Void) rethrows -> [Double] {
        var samples: [Double] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let start = now()
            try body()
            samples.append(Double(now() - start) / 1_000_000)
        }
        return samples
    }

    /// Runs `a` and `b` in turn (A B A B ...) `count` times each, so that drift on a shared
    /// machine hits both sides alike; returns each side's durations in milliseconds.
    static func alternating(_ count: Int, _ a: () throws -> Void, _ b: () throws -> Void) rethrows -> ([Double], [Double]) {
        var first: [Double] = [], second: [Double] = []
        for _ in 0..<count {
            first += try sample(1, a)
            second += try sample(1, b)
        }
        return (first, second)
    }

    /// The p-th percentile (0...100) of `samples`.
    static func percentile(_ samples: [Double], _ p: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let index = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count - 1)).rounded())))
        return sorted[index]
    }
}

/// Benchmark arguments given as `--name value` pairs.
enum BenchOptions {
    /// The pairs of `arguments` by name.
    static func pairs(_ arguments: [String]) -> [String: String] {
        var options: [String: String] = [:]
        var index = 0
        while index + 1 < arguments.count {
            options[arguments[index]] = arguments[index + 1]
            index += 2
        }
        return options
    }
}
