import Foundation
import LabDNS
import LabTestSupport
import Testing

/// The disk dies mid-write: Litestream, `labdb serve` (its child) and 8 allocating CLI
/// processes are killed with SIGKILL; the replica restored on an empty folder holds every
/// allocation acknowledged more than one sync interval before the kill.
@Suite("Replication survives a kill -9", .serialized)
struct ReplicationCrashTests {
    static let syncInterval = 1.0

    @Test("8 CLI allocators and HTTP writes, kill -9 of the process group, restore on an empty folder: nothing acknowledged is lost")
    func killedGroupRestoresAcknowledgedAllocations() throws {
        let moto = try MotoServer()
        let lab = try ReplicaLab(endpoint: moto.endpoint)
        let token = try lab.require(["token", "create", "writer", "--scope", "write"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let binary = ReplicaLab.binary, database = lab.database, folder = lab.folder.path
        // Each loop appends "<epoch ms> <address>" once labdb has exited 0: the acknowledgment.
        let loops = (0..<8).map { index in
            "( while :; do a=$('\(binary)' --db '\(database)' ip allocate pool --to p\(index)) && echo \"$(date +%s%3N) $a\" >> '\(folder)/ack-\(index)'; done ) &"
        }.joined(separator: "\n")
        let log = lab.folder.file("replicate.log")
        let group = try lab.replicate(exec: "\(binary) --db \(database) serve --listen 127.0.0.1:0", extra: loops, log: log)
        let port = try ReplicationCrashTests.serverPort(log: log)

        // HTTP writes through the server until the kill.
        var acknowledged: [(time: Date, address: String)] = []
        let writingUntil = Date().addingTimeInterval(5)
        while Date() < writingUntil {
            let response = try CurlTransport(timeout: 10).send(HTTPRequest(
                method: "POST", url: "http://127.0.0.1:\(port)/api/v1/ranges/pool/allocations",
                headers: [HTTPHeader("Authorization", "Bearer \(token)"), HTTPHeader("Content-Type", "application/json")],
                body: Data(#"{"to": "web"}"#.utf8)))
            let now = Date()
            #expect(response.status == 201, "HTTP allocation answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
            let rows = (try? JSONSerialization.jsonObject(with: response.body)) as? [[String: Any]] ?? []
            acknowledged += rows.compactMap { $0["address"] as? String }.map { (now, $0) }
        }
        let httpCount = acknowledged.count
        let killedAt = Date()
        group.killGroup()

        for index in 0..<8 {
            let text = (try? String(contentsOfFile: lab.folder.file("ack-\(index)"), encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ")
                guard parts.count == 2, let milliseconds = Double(parts[0]) else { continue }
                acknowledged.append((Date(timeIntervalSince1970: milliseconds / 1000), String(parts[1])))
            }
        }
        let cutoff = killedAt.addingTimeInterval(-ReplicationCrashTests.syncInterval)
        let mustSurvive = Set(acknowledged.filter { $0.time < cutoff }.map(\.address))
        #expect(Set(acknowledged.map(\.address)).count == acknowledged.count, "no address was handed out twice")
        #expect(mustSurvive.count >= 20, "too few allocations to mean anything: \(mustSurvive.count), \(httpCount) of them over HTTP")

        // The restore drill: an empty folder, the configuration, the keys in the environment.
        let elsewhere = try TemporaryFolder()
        let restored = elsewhere.file("lab.db")
        let restore = try lab.labdb(["restore", "--from-replica", "--config", lab.configuration, "--yes"], database: restored)
        #expect(restore.status == 0, "restore failed: \(restore.stderr)")
        let check = try lab.labdb(["check"], database: restored)
        #expect(check.status == 0 && check.stdout.contains("ok: no problems found"), "check: \(check.stdout) \(check.stderr)")
        let present = try lab.poolAddresses(database: restored)
        let lost = mustSurvive.subtracting(present)
        #expect(lost.isEmpty, "\(lost.count) of \(mustSurvive.count) allocations acknowledged more than \(ReplicationCrashTests.syncInterval) s before the kill are missing: \(lost.sorted().prefix(5))")
        // Nothing appears that was never allocated (addresses of killed, unacknowledged runs may).
        #expect(present.count >= mustSurvive.count && present.count <= acknowledged.count + 16)
        print("replication crash: \(acknowledged.count) acknowledged (\(httpCount) over HTTP, \(mustSurvive.count) before the cutoff), \(present.count) restored")
    }

    /// The port `labdb serve --listen 127.0.0.1:0` reports in the log, within 30 s.
    static func serverPort(log: String) throws -> Int {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let match = text.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/), let port = Int(match.1) { return port }
            usleep(50_000)
        }
        throw ReplicaTestError("labdb serve under litestream -exec did not start in 30 s: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
    }
}
