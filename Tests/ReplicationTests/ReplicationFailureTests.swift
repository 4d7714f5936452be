import Foundation
import LabDNS
import Testing

/// A wrong endpoint or missing keys: labdb says so in one sentence, quickly, and keeps working.
@Suite("Replication misconfigured", .serialized)
struct ReplicationFailureTests {
    @Test("a wrong endpoint: restore and status name it within seconds; the database is untouched and writes go on under Litestream")
    func wrongEndpoint() throws {
        let nobody = "http://127.0.0.1:\(try MotoServer.freePort())"
        let lab = try ReplicaLab(endpoint: nobody)
        let before = try lab.poolAddresses()
        let restore = try lab.labdb(["restore", "--from-replica", "--yes"])
        #expect(restore.status == 1)
        #expect(restore.stderr.contains("cannot reach the replica's S3 endpoint \(nobody)"), "stderr: \(restore.stderr)")
        #expect(restore.seconds < 10)
        #expect(try lab.poolAddresses() == before)
        let status = try lab.labdb(["replicate", "status"])
        #expect(status.status == 1 && status.stderr.contains(nobody), "status: \(status.stderr)")

        // Litestream pointed at nothing retries quietly; labdb serve, its child, keeps taking writes.
        let log = lab.folder.file("replicate.log")
        let group = try lab.replicate(exec: "\(ReplicaLab.binary) --db \(lab.database) serve --listen 127.0.0.1:0", log: log)
        defer { group.terminateGroup() }
        let port = try ReplicationCrashTests.serverPort(log: log)
        let token = try lab.require(["token", "create", "writer", "--scope", "write"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let started = Date()
        let response = try CurlTransport(timeout: 10).send(HTTPRequest(
            method: "POST", url: "http://127.0.0.1:\(port)/api/v1/ranges/pool/allocations",
            headers: [HTTPHeader("Authorization", "Bearer \(token)")], body: Data(#"{"to": "web"}"#.utf8)))
        #expect(response.status == 201 && Date().timeIntervalSince(started) < 5)
        let cli = try lab.labdb(["ip", "allocate", "pool", "--to", "p0"])
        #expect(cli.status == 0 && cli.seconds < 5)
        #expect(try lab.poolAddresses().count == before.count + 2)
    }

    @Test("missing keys: restore names the variables at once (no metadata-service lookup) and labdb keeps working")
    func missingCredentials() throws {
        let lab = try ReplicaLab(endpoint: "http://127.0.0.1:\(try MotoServer.freePort())")
        let restore = try lab.labdb(["restore", "--from-replica", "--yes"], removing: ["LITESTREAM_SECRET_ACCESS_KEY"])
        #expect(restore.status == 1)
        #expect(restore.stderr.contains("needs LITESTREAM_SECRET_ACCESS_KEY in the environment"), "stderr: \(restore.stderr)")
        #expect(restore.stderr.split(separator: "\n").count == 1, "one sentence: \(restore.stderr)")
        #expect(restore.seconds < 5)
        let allocate = try lab.labdb(["ip", "allocate", "pool", "--to", "p0"], removing: ["LITESTREAM_SECRET_ACCESS_KEY", "LITESTREAM_ACCESS_KEY_ID"])
        #expect(allocate.status == 0)
        let config = try String(contentsOfFile: lab.configuration, encoding: .utf8)
        #expect(!config.contains("labdb-test-secret") && config.contains("${LITESTREAM_SECRET_ACCESS_KEY}"), "no secret in the file")
    }

    @Test("flags: --timestamp is RFC 3339, FILE and --from-replica exclude each other, a missing --config is named, another configuration needs --force")
    func confirmationAndTimestamp() throws {
        let lab = try ReplicaLab(endpoint: "http://127.0.0.1:\(try MotoServer.freePort())")
        let bad = try lab.labdb(["restore", "--from-replica", "--timestamp", "yesterday", "--yes"])
        #expect(bad.status == 2 && bad.stderr.contains("RFC 3339"))
        let both = try lab.labdb(["restore", "x.db", "--from-replica", "--yes"])
        #expect(both.status == 2)
        let other = ["replicate", "config", "--bucket", "other", "--endpoint", lab.endpoint]
        let refused = try lab.labdb(other)
        #expect(refused.status == 1 && refused.stderr.contains("already exists with another configuration; give --force"), "\(refused.stderr)")
        #expect(try lab.labdb(other + ["--force"]).status == 0)
        #expect(try String(contentsOfFile: lab.configuration, encoding: .utf8).contains("bucket: \"other\""))
        let onDatabase = try lab.labdb(["replicate", "config", "--bucket", "lab", "--endpoint", lab.endpoint, "-o", lab.database, "--force"])
        #expect(onDatabase.status == 1 && onDatabase.stderr.contains("is the database"), "\(onDatabase.stderr)")
        #expect(try lab.labdb(["check"]).status == 0, "the database is intact")
        let fresh = lab.folder.file("new-machine/lab.db")
        let drill = try lab.labdb(["replicate", "config", "--bucket", "lab", "--endpoint", lab.endpoint], database: fresh)
        #expect(drill.status == 0 && FileManager.default.fileExists(atPath: fresh + ".litestream.yml"), "\(drill.stderr)")
        let none = try lab.labdb(["restore", "--from-replica", "--config", lab.folder.file("missing.yml"), "--yes"])
        #expect(none.status == 1 && none.stderr.contains("missing.yml") && none.stderr.contains("no such file"), "stderr: \(none.stderr)")
    }
}
