import Foundation
import Testing

/// Hostile surroundings: read-only media, a full disk, damaged and foreign files.
/// Each gives one clear error and leaves the database's bytes as they were.
@Suite("Safety: faults", .serialized)
struct SafetyFaultTests {
    static let seed = SafetyCLI.root + "/seed/homelab.yaml"

    /// Mounts a tmpfs of `size` at a new folder; the test fails (never skips) when mounting is not permitted.
    static func mountTmpfs(size: String) throws -> String {
        let point = try SafetyCLI.scratch()
        let result = try SafetyCLI.tool("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", point])
        try #require(result.status == 0, "mount -t tmpfs failed (these tests need root or CAP_SYS_ADMIN): \(result.stderr)")
        return point
    }

    static func unmount(_ point: String) {
        _ = try? SafetyCLI.tool("/usr/bin/umount", [point])
    }

    @Test("a database on a read-only filesystem: writes fail clearly, reads still work, nothing changes")
    func readOnlyFilesystem() throws {
        let point = try SafetyFaultTests.mountTmpfs(size: "4M")
        defer { SafetyFaultTests.unmount(point) }
        let db = point + "/lab.db"
        try #require(try SafetyCLI.run(["init", "--db", db, "--seed", SafetyFaultTests.seed]).status == 0)
        let backup = try SafetyCLI.scratch() + "/nightly.db"
        try #require(try SafetyCLI.run(["backup", "--db", db, backup]).status == 0)
        try #require(try SafetyCLI.tool("/usr/bin/mount", ["-o", "remount,ro", point]).status == 0)
        let before = SafetyCLI.bytes(db)

        let write = try SafetyCLI.run(["import", "--db", db, SafetyFaultTests.seed])
        #expect(write.status == 1)
        #expect(write.stderr.contains("read-only filesystem"), "\(write.stderr)")
        #expect(write.stderr.split(separator: "\n").count == 1)
        let restore = try SafetyCLI.run(["restore", "--db", db, backup, "--yes"])
        #expect(restore.status == 1)
        #expect(restore.stderr.contains("read-only"), "\(restore.stderr)")

        let read = try SafetyCLI.run(["hosts", "--db", db])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout.contains("z440"))
        #expect(try SafetyCLI.run(["check", "--db", db]).status == 0)
        #expect(SafetyCLI.bytes(db) == before)
    }

    @Test("a read-only file for a user who may not write it: a clear error, nothing changes")
    func readOnlyFile() throws {
        let folder = try SafetyCLI.scratch()
        let db = folder + "/lab.db"
        try #require(try SafetyCLI.run(["init", "--db", db, "--seed", SafetyFaultTests.seed]).status == 0)
        chmod(db, 0o444)
        // The binary and the seed are read from copies in the test's own folder, not from the
        // checkout, which the other user may not be able to enter.
        let copies = try SafetyCLI.copyForOthers([SafetyCLI.binary, SafetyFaultTests.seed], into: folder)
        let before = SafetyCLI.bytes(db)
        // chmod does not stop root: run the binary as nobody when the tests run as root.
        let uid: Int? = getuid() == 0 ? 65534 : nil
        let write = try SafetyCLI.run(["import", "--db", db, copies[1]], asUser: uid, executable: copies[0])
        #expect(write.status == 1)
        #expect(write.stderr.contains("not writable"), "\(write.stderr)")
        #expect(SafetyCLI.bytes(db) == before)
    }

    @Test("a full disk: the import fails clearly and the database is intact and unchanged")
    func fullDisk() throws {
        let point = try SafetyFaultTests.mountTmpfs(size: "1M")
        defer { SafetyFaultTests.unmount(point) }
        let db = point + "/lab.db"
        try #require(try SafetyCLI.run(["init", "--db", db, "--seed", SafetyFaultTests.seed]).status == 0)
        let big = try SafetyCLI.scratch() + "/big.yaml"
        try SafetyCLI.generatedLab(vms: 2000).write(toFile: big, atomically: true, encoding: .utf8)
        let before = SafetyCLI.bytes(db)

        let result = try SafetyCLI.run(["import", "--db", db, big])
        #expect(result.status == 1)
        #expect(result.stderr.contains("disk is full"), "\(result.stderr)")
        #expect(SafetyCLI.bytes(db) == before)
        #expect(try SafetyCLI.sql(db, "PRAGMA integrity_check") == "ok")
        #expect(try SafetyCLI.sql(db, "SELECT count(*) FROM machines") == "19")

        // A backup onto another, full disk fails too, and leaves no partial file behind.
        let target = try SafetyFaultTests.mountTmpfs(size: "128K")
        defer { SafetyFaultTests.unmount(target) }
        let source = try SafetyCLI.scratch() + "/lab.db"
        try #require(try SafetyCLI.run(["init", "--db", source, "--seed", SafetyFaultTests.seed]).status == 0)
        let sourceBefore = SafetyCLI.bytes(source)
        let backup = try SafetyCLI.run(["backup", "--db", source, target + "/copy.db"])
        #expect(backup.status == 1)
        #expect(backup.stderr.contains("disk is full") || backup.stderr.contains("no room"), "\(backup.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: target)
        #expect(left.isEmpty, "left behind: \(left)")
        #expect(SafetyCLI.bytes(source) == sourceBefore)
        #expect(SafetyCLI.bytes(db) == before)
    }

    @Test("a file that is not a database, and a damaged one: clear errors, bytes unchanged")
    func corruptFiles() throws {
        let folder = try SafetyCLI.scratch()
        let garbage = folder + "/garbage.db"
        try Data(repeating: 0x42, count: 10_000).write(to: URL(fileURLWithPath: garbage))
        for arguments in [["hosts"], ["import", SafetyFaultTests.seed], ["check"], ["history"]] {
            let result = try SafetyCLI.run(arguments + ["--db", garbage])
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("damaged or not a labdb database"), "\(arguments): \(result.stderr)")
        }
        #expect(SafetyCLI.bytes(garbage) == Data(repeating: 0x42, count: 10_000))

        // A real database with a page overwritten in the middle.
        let db = folder + "/lab.db"
        try #require(try SafetyCLI.run(["init", "--db", db, "--seed", SafetyFaultTests.seed]).status == 0)
        // Break the b-tree page header of the machines table's root page.
        let root = try #require(Int(try SafetyCLI.sql(db, "SELECT rootpage FROM sqlite_master WHERE name = 'machines'")))
        let pageSize = try #require(Int(try SafetyCLI.sql(db, "PRAGMA page_size")))
        var bytes = try #require(SafetyCLI.bytes(db))
        for offset in ((root - 1) * pageSize)..<((root - 1) * pageSize + 12) { bytes[offset] = 0xFF }
        try bytes.write(to: URL(fileURLWithPath: db))
        let check = try SafetyCLI.run(["check", "--db", db])
        #expect(check.status == 1)
        #expect(check.stdout.contains("integrity check") || check.stderr.contains("damaged"), "\(check.stdout) \(check.stderr)")
        #expect(SafetyCLI.bytes(db) == bytes)
    }

    @Test("a database from a newer labdb is refused by every command, untouched")
    func newerDatabase() throws {
        let folder = try SafetyCLI.scratch()
        let db = folder + "/lab.db"
        try #require(try SafetyCLI.run(["init", "--db", db, "--seed", SafetyFaultTests.seed]).status == 0)
        _ = try SafetyCLI.sql(db, "INSERT INTO schema_migrations VALUES ('9999_future', 'fnv1a64:0', '2030-01-01T00:00:00Z')")
        let before = SafetyCLI.bytes(db)
        for arguments in [["hosts"], ["import", SafetyFaultTests.seed], ["check"]] {
            let result = try SafetyCLI.run(arguments + ["--db", db])
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("newer labdb"), "\(arguments): \(result.stderr)")
        }
        let other = folder + "/other.db"
        try #require(try SafetyCLI.run(["init", "--db", other]).status == 0)
        let restore = try SafetyCLI.run(["restore", "--db", other, db, "--yes"])
        #expect(restore.status == 1)
        #expect(restore.stderr.contains("comes from a newer labdb"), "\(restore.stderr)")
        #expect(SafetyCLI.bytes(db) == before)
    }
}

/// The safety commands as a user meets them.
@Suite("Safety: commands")
struct SafetyCommandTests {
    @Test("history names who, which command and what changed; json for scripts")
    func history() throws {
        let folder = try SafetyCLI.scratch()
        let db = folder + "/lab.db"
        try #require(try SafetyCLI.run(["init", "--db", db, "--seed", SafetyFaultTests.seed]).status == 0)
        let seed = try String(contentsOfFile: SafetyFaultTests.seed, encoding: .utf8)
        let edited = folder + "/edited.yaml"
        try seed.replacingOccurrences(of: "ram: 2G", with: "ram: 3G").write(toFile: edited, atomically: true, encoding: .utf8)
        try #require(try SafetyCLI.run(["import", "--db", db, edited]).status == 0)

        let table = try SafetyCLI.run(["history", "vault", "--db", db, "--limit", "3"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("labdb import --db \(db) \(edited)"))
        #expect(table.stdout.contains("ram_bytes: 2 GiB → 3 GiB"))

        let json = try SafetyCLI.run(["history", "--db", db, "--format", "json", "--limit", "1000"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.contains { ($0["command"] as? String)?.hasPrefix("labdb init") == true && ($0["user"] as? String)?.isEmpty == false })
        #expect(rows.contains { ($0["object"] as? String) == "192.168.1.26" })

        let missing = try SafetyCLI.run(["history", "no-such-thing", "--db", db])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no recorded change about no-such-thing"))
    }

    @Test("history --prune-before says what it would remove, removes it with --yes, and refuses a bad time")
    func prune() throws {
        let folder = try SafetyCLI.scratch()
        let db = folder + "/lab.db"
        try #require(try SafetyCLI.run(["init", "--db", db, "--seed", SafetyFaultTests.seed]).status == 0)
        let before = try SafetyCLI.run(["history", "--db", db, "--format", "json", "--limit", "100000"])
        let count = try #require(try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [Any]).count
        #expect(count > 100)

        let old = try SafetyCLI.run(["history", "--db", db, "--prune-before", "2020-01-01"])
        #expect(old.status == 0 && old.stdout.contains("would remove 0 changes in 0 change sets recorded before 2020-01-01T00:00:00.000Z"), "\(old.stdout)")
        let dry = try SafetyCLI.run(["history", "--db", db, "--prune-before", "0d"])
        #expect(dry.status == 0 && dry.stdout.contains("would remove \(count) changes in 1 change set"), "\(dry.stdout)")
        #expect(try SafetyCLI.run(["history", "--db", db, "--limit", "1"]).stdout.contains("labdb init"), "a dry run removes nothing")

        let done = try SafetyCLI.run(["history", "--db", db, "--prune-before", "0d", "--yes"])
        #expect(done.status == 0 && done.stdout.hasPrefix("removed \(count) changes in 1 change set recorded before "), "\(done.stdout)")
        #expect(try SafetyCLI.run(["history", "--db", db]).stdout == "(no rows)\n")
        #expect(try SafetyCLI.run(["hosts", "--db", db]).stdout.contains("z440"), "the inventory stays")

        let bad = try SafetyCLI.run(["history", "--db", db, "--prune-before", "yesterday"])
        #expect(bad.status == 2 && bad.stderr.contains("'yesterday' is not a time for --prune-before"), "\(bad.stderr)")
    }

    @Test("check exits 0 on a clean lab and 1 with a table naming each error")
    func check() throws {
        let folder = try SafetyCLI.scratch()
        let db = folder + "/lab.db"
        try #require(try SafetyCLI.run(["init", "--db", db, "--seed", SafetyFaultTests.seed]).status == 0)
        let clean = try SafetyCLI.run(["check", "--db", db])
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("ok"))
        _ = try SafetyCLI.sql(db, "INSERT INTO records(zone_id, name, type, value, view) VALUES (1, 'ghost', 'A', '192.168.1.99', 'internal')")
        let broken = try SafetyCLI.run(["check", "--db", db])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("record ghost."))
        #expect(broken.stdout.contains("192.168.1.99, which is not allocated"))
        #expect(broken.stderr.contains("check found 1 error"))
    }

    @Test("restore refuses without --yes and restores with it")
    func restore() throws {
        let folder = try SafetyCLI.scratch()
        let db = folder + "/lab.db"
        try #require(try SafetyCLI.run(["init", "--db", db, "--seed", SafetyFaultTests.seed]).status == 0)
        try #require(try SafetyCLI.run(["backup", "--db", db, folder + "/nightly.db"]).status == 0)
        _ = try SafetyCLI.sql(db, "DELETE FROM records")
        let refused = try SafetyCLI.run(["restore", "--db", db, folder + "/nightly.db"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--yes"))
        #expect(try SafetyCLI.sql(db, "SELECT count(*) FROM records") == "0")
        let done = try SafetyCLI.run(["restore", "--db", db, folder + "/nightly.db", "--yes"])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(try SafetyCLI.sql(db, "SELECT count(*) FROM records") == "8")
        #expect(try SafetyCLI.run(["check", "--db", db]).status == 0)
    }
}
