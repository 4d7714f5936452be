import Foundation
import LabTestSupport
import Testing

/// /metrics checked by Prometheus's own tools: `promtool check metrics` on the exposition,
/// and a real Prometheus server scraping labdb on loopback.
@Suite("labdb serve: Prometheus metrics")
struct ServeMetricsTests {
    @Test("the exposition has the lab's gauges and passes promtool check metrics")
    func promtool() throws {
        let server = try ServeProcess()
        let token = try server.token("prometheus", scope: "read")
        _ = try server.request("GET", "/api/v1/ranges", token: token)
        let response = try server.request("GET", "/metrics", token: token)
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        let text = response.text
        let metallb = text.split(separator: "\n").first { $0.hasPrefix("labdb_range_addresses_used{range=\"metallb\"") }
        #expect(metallb?.hasSuffix(" 2") == true, "\(metallb ?? "no metallb series")")
        #expect(text.contains("labdb_range_addresses{range=\"metallb\""))
        #expect(text.contains("labdb_pool_size_bytes{host=\"z440\",pool=\"local-lvm\""))
        #expect(text.contains("labdb_host_memory_committed_bytes{host=\"z440\"}"))
        #expect(text.contains("labdb_machines{kind=\"vm\"}"))
        #expect(text.contains("labdb_http_requests_total{method=\"GET\",route=\"/api/v1/ranges\",status=\"200\"} 1"))
        #expect(text.contains("labdb_http_request_duration_seconds_bucket{"))
        #expect(text.contains("labdb_database_size_bytes{file=\"main\"}"))
        let check = try run("/usr/bin/promtool", ["check", "metrics"], stdin: text)
        #expect(check.status == 0, "promtool: \(check.output)")
    }

    @Test("a real Prometheus scrapes labdb and answers labdb_range_addresses_used{range=\"metallb\"} = 2")
    func prometheusScrapes() throws {
        let server = try ServeProcess()
        let token = try server.token("prometheus", scope: "read")
        let port = try LoopbackPort.free()
        let config = server.folder.file("prometheus.yml")
        try """
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: labdb
                authorization:
                  credentials: \(token)
                static_configs:
                  - targets: ["127.0.0.1:\(server.port)"]

            """.write(toFile: config, atomically: true, encoding: .utf8)
        let prometheus = Process()
        prometheus.executableURL = URL(fileURLWithPath: "/usr/bin/prometheus")
        prometheus.arguments = ["--config.file=\(config)", "--storage.tsdb.path=\(server.folder.file("tsdb"))",
                                "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn"]
        prometheus.standardOutput = FileHandle.nullDevice
        prometheus.standardError = FileHandle.nullDevice
        try prometheus.run()
        defer {
            prometheus.terminate()
            prometheus.waitUntilExit()
        }
        var value: String?
        let deadline = Date().addingTimeInterval(40)
        while Date() < deadline, value == nil {
            usleep(500_000)
            let query = "labdb_range_addresses_used%7Brange%3D%22metallb%22%7D"
            guard let answer = try? ServeProcess.get("http://127.0.0.1:\(port)/api/v1/query?query=\(query)"),
                  let data = answer.json as? [String: Any], let result = (data["data"] as? [String: Any])?["result"] as? [[String: Any]],
                  let sample = result.first?["value"] as? [Any] else { continue }
            value = sample.last as? String
        }
        #expect(value == "2", "Prometheus answered \(value ?? "nothing")")
        #expect(server.log.contains("GET /metrics 200"))
    }

    @Test("dns plan and dns apply leave the pending changes and the last successful sync for /metrics")
    func dnsSyncStatus() throws {
        let seed = try String(contentsOfFile: ServeProcess.seed, encoding: .utf8)
        let folder = try TemporaryFolder()  // where the target writes its files
        let lab = seed + """

            dns_targets:
              - name: files
                kind: pihole-files
                zone: mathiaswouters.com
                view: internal
                hosts_file: \(folder.file("custom.list"))
                cname_file: \(folder.file("05-cname.conf"))

            """
        let server = try ServeProcess(labFile: lab)
        let token = try server.token("prometheus", scope: "read")
        func series(_ name: String) throws -> String? {
            try server.request("GET", "/metrics", token: token).text.split(separator: "\n")
                .first { $0.hasPrefix("\(name){target=\"files\"") }.map(String.init)
        }
        #expect(try series("labdb_dns_pending_changes") == nil, "no plan yet")
        let plan = try server.cli(["dns", "plan", "--target", "files"])
        #expect(plan.status == 0, "\(plan.stderr)")
        let pending = try #require(try series("labdb_dns_pending_changes"))
        #expect(Int(pending.split(separator: " ").last ?? "") ?? 0 > 5, "\(pending)")
        #expect(try series("labdb_dns_last_success_timestamp_seconds") == nil)
        let apply = try server.cli(["dns", "apply", "--target", "files"])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(try series("labdb_dns_pending_changes")?.hasSuffix(" 0") == true)
        let success = try #require(try series("labdb_dns_last_success_timestamp_seconds"))
        let time = Double(success.split(separator: " ").last ?? "") ?? 0
        #expect(abs(time - Date().timeIntervalSince1970) < 120)
    }

    private func run(_ executable: String, _ arguments: [String], stdin: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
