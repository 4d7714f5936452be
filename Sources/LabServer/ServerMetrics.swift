import Synchronization

/// The server's own request counts and latencies, per route and status, for /metrics.
final class ServerMetrics: Sendable {
    /// Upper bounds of the latency histogram's buckets, in seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct Key: Hashable, Sendable {
        let method: String
        let route: String
        let status: Int
    }

    struct Series: Sendable {
        var count = 0
        var sum = 0.0
        var bucketCounts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
    }

    private let series = Mutex<[Key: Series]>([:])
    private let clashes = Mutex<[String: Int]>([:])

    /// Counts changes of a cluster's external-dns that were left out (clashes).
    func recordClashes(cluster: String, count: Int) {
        clashes.withLock { $0[cluster, default: 0] += count }
    }

    /// Left-out external-dns changes so far, per cluster.
    func clashCounts() -> [String: Int] { clashes.withLock { $0 } }

    /// Records one answered request.
    func record(method: String, route: String, status: Int, seconds: Double) {
        series.withLock { all in
            var entry = all[Key(method: method, route: route, status: status)] ?? Series()
            entry.count += 1
            entry.sum += seconds
            for (index, bound) in ServerMetrics.buckets.enumerated() where seconds <= bound { entry.bucketCounts[index] += 1 }
            all[Key(method: method, route: route, status: status)] = entry
        }
    }

    /// Every series so far.
    func snapshot() -> [Key: Series] { series.withLock { $0 } }
}
