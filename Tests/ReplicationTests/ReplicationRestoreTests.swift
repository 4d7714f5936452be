import Foundation
import LabTestSupport
import Testing

/// Point-in-time restores, and labdb's own backup, history pruning and restore while
/// Litestream replicates (none may wait for the 30 s busy timeout).
@Suite("Restoring from the replica", .serialized)
struct ReplicationRestoreTests {
    /// Far below labdb's busy timeout (30 s): a command that waited for Litestream's lock would exceed it.
    static let quick = 8.0

    @Test("a point-in-time restore returns the state of that moment: an allocation made after it is absent")
    func pointInTime() throws {
        let moto = try MotoServer()
        let lab = try ReplicaLab(endpoint: moto.endpoint)
        let group = try lab.replicate(log: lab.folder.file("replicate.log"))
        try lab.waitForFirstSync()
        let before = try lab.require(["ip", "allocate", "pool", "--to", "p0"]).trimmingCharacters(in: .whitespacesAndNewlines)
        usleep(1_500_000)
        let moment = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        usleep(1_500_000)
        let shipped = try ReplicationRestoreTests.localTransaction(lab)
        let after = try lab.require(["ip", "allocate", "pool", "--to", "p1"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try ReplicationRestoreTests.waitUntilInSync(lab, past: shipped)
        group.terminateGroup()
        // Litestream stopped with everything shipped: check is quiet; a change after that is reported.
        let idle = try lab.labdb(["check"])
        #expect(idle.status == 0 && idle.stdout.contains("Litestream not running") && !idle.stdout.contains("not replicated"), "\(idle.stdout)")
        usleep(1_500_000)
        try lab.require(["ip", "allocate", "pool", "--to", "p2"])
        let behind = try lab.labdb(["check"])
        #expect(behind.status == 0 && behind.stdout.contains("are not replicated and Litestream is not running"), "\(behind.stdout)")

        let then = try TemporaryFolder(), now = try TemporaryFolder()
        let past = try lab.labdb(["restore", "--from-replica", "--config", lab.configuration, "--timestamp", moment, "--yes"], database: then.file("lab.db"))
        #expect(past.status == 0, "restore --timestamp failed: \(past.stderr)")
        let pastAddresses = try lab.poolAddresses(database: then.file("lab.db"))
        #expect(pastAddresses.contains(before), "\(before) (allocated before \(moment)) is missing")
        #expect(!pastAddresses.contains(after), "\(after) (allocated after \(moment)) is present")
        let latest = try lab.labdb(["restore", "--from-replica", "--config", lab.configuration, "--yes"], database: now.file("lab.db"))
        #expect(latest.status == 0, "restore failed: \(latest.stderr)")
        #expect(try lab.poolAddresses(database: now.file("lab.db")).isSuperset(of: [before, after]))
        let history = try lab.require(["history", "--limit", "1"], database: then.file("lab.db"))
        #expect(history.contains("restored from the replica s3://lab/") && history.contains("as of"))
    }

    @Test("backup, history --prune-before and restore while Litestream replicates: none blocks, and the replica restores the result")
    func labdbCommandsBesideLitestream() throws {
        let moto = try MotoServer()
        let lab = try ReplicaLab(endpoint: moto.endpoint)
        let group = try lab.replicate(log: lab.folder.file("replicate.log"))
        try lab.waitForFirstSync()
        for index in 0..<3 { try lab.require(["ip", "allocate", "pool", "--to", "p\(index)"]) }

        let check = try lab.labdb(["check"])
        #expect(check.status == 0 && check.stdout.contains("Litestream running (pid"), "check: \(check.stdout)")
        let backup = try lab.labdb(["backup", lab.folder.file("copy.db")])
        #expect(backup.status == 0 && backup.seconds < ReplicationRestoreTests.quick, "backup: \(backup.seconds) s, \(backup.stderr)")
        let saved = try lab.poolAddresses()
        let extra = try lab.require(["ip", "allocate", "pool", "--to", "p3"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let prune = try lab.labdb(["history", "--prune-before", "0d", "--yes"])
        #expect(prune.status == 0 && prune.seconds < ReplicationRestoreTests.quick, "prune: \(prune.seconds) s, \(prune.stderr)")
        let restore = try lab.labdb(["restore", lab.folder.file("copy.db"), "--yes"])
        #expect(restore.status == 0 && restore.seconds < ReplicationRestoreTests.quick, "restore: \(restore.seconds) s, \(restore.stderr)")
        #expect(try lab.poolAddresses() == saved, "the restore brought back the backup's allocations, without \(extra)")
        let unconfirmed = try lab.labdb(["restore", "--from-replica"])
        #expect(unconfirmed.status == 1 && unconfirmed.stderr.contains("restores cleanly") && unconfirmed.stderr.contains("--yes"), "\(unconfirmed.stderr)")
        #expect(try lab.poolAddresses() == saved, "without --yes nothing changes")
        let fromReplica = try lab.labdb(["restore", "--from-replica", "--yes"])
        #expect(fromReplica.status == 0 && fromReplica.seconds < ReplicationRestoreTests.quick, "restore --from-replica: \(fromReplica.seconds) s, \(fromReplica.stderr)")
        // Litestream first settles on the restored file; then the allocation is the one change
        // its local log must take in before the replica can be in sync with it.
        try ReplicationRestoreTests.waitUntilInSync(lab, past: nil)
        let shipped = try ReplicationRestoreTests.localTransaction(lab)
        let after = try lab.require(["ip", "allocate", "pool", "--to", "p4"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try ReplicationRestoreTests.waitUntilInSync(lab, past: shipped)
        group.terminateGroup()
        let log = (try? String(contentsOfFile: lab.folder.file("replicate.log"), encoding: .utf8)) ?? ""
        #expect(!log.contains("level=ERROR"), "Litestream logged errors: \(log.split(separator: "\n").filter { $0.contains("ERROR") }.prefix(3))")

        let elsewhere = try TemporaryFolder()
        let restored = try lab.labdb(["restore", "--from-replica", "--config", lab.configuration, "--yes"], database: elsewhere.file("lab.db"))
        #expect(restored.status == 0, "restore on an empty folder: \(restored.stderr)")
        #expect(try lab.poolAddresses(database: elsewhere.file("lab.db")) == saved.union([after]))
        let clean = try lab.labdb(["check"], database: elsewhere.file("lab.db"))
        #expect(clean.status == 0 && clean.stdout.contains("ok: no problems found"))
    }

    /// Waits (at most 20 s) until `labdb replicate status` says the replica has every local
    /// change, and, given `past`, until Litestream's local log has moved on from that
    /// transaction: "in sync" compares the replica with the log, so before Litestream has read
    /// a write, the write is in neither and the status is already "in sync".
    static func waitUntilInSync(_ lab: ReplicaLab, past previous: String?) throws {
        let deadline = Date().addingTimeInterval(20)
        var last = ""
        // Litestream ships a change within about a second; give it that before asking.
        usleep(1_200_000)
        while Date() < deadline {
            let status = try lab.labdb(["replicate", "status"])
            last = status.stdout + status.stderr
            if status.status == 0, status.stdout.contains("in sync"), try previous == nil || localTransaction(lab) != previous { return }
            usleep(300_000)
        }
        throw ReplicaTestError("the replica did not catch up within 20 s: \(last)")
    }

    /// Litestream's local log position as `labdb replicate status` reports it (`transaction N
    /// at ...`, or `none`).
    static func localTransaction(_ lab: ReplicaLab) throws -> String {
        let status = try lab.require(["replicate", "status", "--format", "csv"])
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("local,") }) else {
            throw ReplicaTestError("no local row in replicate status: \(status)")
        }
        return String(line.dropFirst("local,".count).split(separator: " at ").first ?? "")
    }
}
