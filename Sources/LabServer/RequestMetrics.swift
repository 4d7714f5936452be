import LabExport

/// The server's own request metrics in the exposition format.
enum RequestMetrics {
    static func exposition(_ series: [ServerMetrics.Key: ServerMetrics.Series], clashes: [String: Int] = [:]) -> String {
        var out = PrometheusExposition()
        out.family("labdb_external_dns_clashes_total", "counter", help: "Changes of a cluster's external-dns left out because another owner or the lab file holds the name.")
        for cluster in clashes.keys.sorted() { out.sample("labdb_external_dns_clashes_total", [("cluster", cluster)], Double(clashes[cluster]!)) }
        let keys = series.keys.sorted { ($0.route, $0.method, $0.status) < ($1.route, $1.method, $1.status) }
        func labels(_ key: ServerMetrics.Key) -> [(String, String)] {
            [("method", key.method), ("route", key.route), ("status", String(key.status))]
        }
        out.family("labdb_http_requests_total", "counter", help: "HTTP requests answered, by route and status.")
        for key in keys { out.sample("labdb_http_requests_total", labels(key), Double(series[key]!.count)) }
        out.family("labdb_http_request_duration_seconds", "histogram", help: "Time to answer HTTP requests, by route and status.")
        for key in keys {
            let entry = series[key]!
            for (index, bound) in ServerMetrics.buckets.enumerated() {
                out.sample("labdb_http_request_duration_seconds_bucket", labels(key) + [("le", PrometheusExposition.format(bound))], Double(entry.bucketCounts[index]))
            }
            out.sample("labdb_http_request_duration_seconds_bucket", labels(key) + [("le", "+Inf")], Double(entry.count))
            out.sample("labdb_http_request_duration_seconds_sum", labels(key), entry.sum)
            out.sample("labdb_http_request_duration_seconds_count", labels(key), Double(entry.count))
        }
        return out.text
    }
}
