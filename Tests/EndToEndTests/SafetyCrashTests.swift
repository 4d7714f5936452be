import Foundation
import Testing

/// kill -9 in the middle of writes: afterwards the file is intact and each transaction is all-or-nothing.
@Suite("Safety: crashes mid-write", .serialized)
struct SafetyCrashTests {
    /// The machine names in the database, sorted.
    static func machines(_ db: String) throws -> [String] {
        try SafetyCLI.sql(db, "SELECT name FROM machines ORDER BY name").split(separator: "\n").map(String.init)
    }

    static func expectIntact(_ db: String) throws {
        #expect(try SafetyCLI.sql(db, "PRAGMA integrity_check") == "ok")
        #expect(try SafetyCLI.sql(db, "PRAGMA foreign_key_check") == "")
        // No change set was left open by a killed writer.
        #expect(try SafetyCLI.sql(db, "SELECT count(*) FROM change_sets WHERE open = 1") == "0")
        let check = try SafetyCLI.run(["check", "--db", db])
        #expect(check.status == 0, "labdb check: \(check.stdout) \(check.stderr)")
    }

    @Test("kill -9 during a large import leaves the old lab or the whole new one")
    func killDuringImport() throws {
        let folder = try SafetyCLI.scratch()
        let db = folder + "/lab.db"
        let big = folder + "/big.yaml"
        try SafetyCLI.generatedLab(vms: 3000).write(toFile: big, atomically: true, encoding: .utf8)
        let seeded = try SafetyCLI.run(["init", "--db", db, "--seed", SafetyCLI.root + "/seed/homelab.yaml"])
        try #require(seeded.status == 0, "\(seeded.stderr)")
        let before = try SafetyCrashTests.machines(db)
        let historyBefore = try SafetyCLI.sql(db, "SELECT count(*) FROM changes")
        #expect(before.count == 19)

        // Kill at three depths of the write transaction, measured by how far the WAL has grown.
        var killedMidway = 0
        for threshold in [64 * 1024, 1024 * 1024, 3 * 1024 * 1024] {
            let walBefore = SafetyCLI.fileSize(db + "-wal")
            let running = try SafetyCLI.start(["import", "--db", db, big])
            let deadline = Date().addingTimeInterval(120)
            while SafetyCLI.fileSize(db + "-wal") < walBefore + threshold, running.process.isRunning, Date() < deadline {
                usleep(2_000)
            }
            running.kill9()
            let result = running.wait()
            try SafetyCrashTests.expectIntact(db)
            let after = try SafetyCrashTests.machines(db)
            if result.signalled && after == before {
                killedMidway += 1
                // Nothing of the killed import is in the history either.
                #expect(try SafetyCLI.sql(db, "SELECT count(*) FROM changes") == historyBefore)
            } else {
                // It committed before the kill: then all of it is there.
                #expect(after.count == 3040, "after kill at \(threshold) bytes of WAL: \(after.count) machines")
            }
            if after != before { break }
        }
        #expect(killedMidway >= 1, "no kill landed inside the transaction")

        // A complete run still works on the same file afterwards.
        let finished = try SafetyCLI.run(["import", "--db", db, big])
        #expect(finished.status == 0, "\(finished.stderr)")
        #expect(try SafetyCrashTests.machines(db).count == 3040)
        #expect(try SafetyCLI.sql(db, "SELECT count(*) FROM addresses") == "3000")
        try SafetyCrashTests.expectIntact(db)
    }

    @Test("a storm of concurrent writers, some killed, leaves exactly one writer's lab")
    func writerStorm() throws {
        let folder = try SafetyCLI.scratch()
        let db = folder + "/lab.db"
        // Small files: eight writers queue behind one lock, and all of them must fit in the 30 s busy timeout.
        let sizes = [60, 80, 100, 120, 140, 160, 180, 200]
        var files: [String] = []
        for (index, size) in sizes.enumerated() {
            let path = folder + "/lab-\(index).yaml"
            try SafetyCLI.generatedLab(vms: size, hosts: 10, prefix: "w\(index)-vm").write(toFile: path, atomically: true, encoding: .utf8)
            files.append(path)
        }
        try #require(try SafetyCLI.run(["init", "--db", db]).status == 0)

        // Two rounds: every writer at once; every third one is killed part-way.
        var completed: Set<Int> = []
        for round in 0..<2 {
            let writers = try files.map { try SafetyCLI.start(["import", "--db", db, $0]) }
            usleep(useconds_t(200_000 + round * 300_000))
            for (index, writer) in writers.enumerated() where index % 3 == round { writer.kill9() }
            for (index, writer) in writers.enumerated() {
                let result = writer.wait()
                if !result.signalled {
                    #expect(result.status == 0, "writer \(index): \(result.stderr)")
                    completed.insert(index)
                }
            }
            try SafetyCrashTests.expectIntact(db)
            // All-or-nothing: the machines are exactly those of one file, never a mix.
            let names = try SafetyCrashTests.machines(db)
            let guests = names.filter { !$0.hasPrefix("h") }
            let owners = Set(guests.map { $0.split(separator: "-").first.map(String.init) ?? "" })
            #expect(owners.count <= 1, "machines from several files: \(owners.sorted())")
            if let owner = owners.first, let index = Int(owner.dropFirst()) {
                #expect(guests.count == sizes[index])
                #expect(try SafetyCLI.sql(db, "SELECT count(*) FROM addresses") == String(sizes[index]))
            }
        }
        #expect(!completed.isEmpty)
        // Every completed import that changed something has one closed change set with its command.
        let commands = try SafetyCLI.sql(db, "SELECT count(*) FROM change_sets WHERE command LIKE 'labdb import %'")
        #expect((Int(commands) ?? 0) >= 1)
    }

    @Test("backups taken while writers run are each one consistent state")
    func backupWhileWriting() throws {
        let folder = try SafetyCLI.scratch()
        let db = folder + "/lab.db"
        let a = folder + "/a.yaml", b = folder + "/b.yaml"
        try SafetyCLI.generatedLab(vms: 400, hosts: 10, prefix: "a-vm").write(toFile: a, atomically: true, encoding: .utf8)
        try SafetyCLI.generatedLab(vms: 300, hosts: 10, prefix: "b-vm").write(toFile: b, atomically: true, encoding: .utf8)
        try #require(try SafetyCLI.run(["import", "--db", db, a]).status == 0)
        let writers = try (0..<4).map { try SafetyCLI.start(["import", "--db", db, $0 % 2 == 0 ? b : a]) }
        var backups: [String] = []
        for index in 0..<4 {
            let path = folder + "/backup-\(index).db"
            let result = try SafetyCLI.run(["backup", "--db", db, path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("backed up"))
            backups.append(path)
        }
        for writer in writers { #expect(writer.wait().status == 0) }
        for path in backups {
            #expect(try SafetyCLI.sql(path, "PRAGMA integrity_check") == "ok")
            let guests = try SafetyCrashTests.machines(path).filter { !$0.hasPrefix("h") }
            let owners = Set(guests.map { String($0.prefix(1)) })
            #expect(owners.count == 1)
            #expect(guests.count == (owners.first == "a" ? 400 : 300))
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
    }

    @Test("a restore while writers run, or killed part-way, leaves one whole lab")
    func restoreUnderLoad() throws {
        let folder = try SafetyCLI.scratch()
        let db = folder + "/lab.db"
        let a = folder + "/a.yaml", b = folder + "/b.yaml"
        try SafetyCLI.generatedLab(vms: 1500, hosts: 10, prefix: "a-vm").write(toFile: a, atomically: true, encoding: .utf8)
        try SafetyCLI.generatedLab(vms: 300, hosts: 10, prefix: "b-vm").write(toFile: b, atomically: true, encoding: .utf8)
        try #require(try SafetyCLI.run(["import", "--db", db, a]).status == 0)
        let backup = folder + "/a-backup.db"
        try #require(try SafetyCLI.run(["backup", "--db", db, backup]).status == 0)
        try #require(try SafetyCLI.run(["import", "--db", db, b]).status == 0)

        func guests() throws -> (owner: Set<String>, count: Int) {
            let names = try SafetyCrashTests.machines(db).filter { !$0.hasPrefix("h") }
            return (Set(names.map { String($0.prefix(1)) }), names.count)
        }

        // Writers import b while the restore brings a back: the end state is one of them, whole.
        let writers = try (0..<3).map { _ in try SafetyCLI.start(["import", "--db", db, b]) }
        let restore = try SafetyCLI.run(["restore", "--db", db, backup, "--yes"])
        #expect(restore.status == 0, "\(restore.stderr)")
        for writer in writers { #expect(writer.wait().status == 0) }
        try SafetyCrashTests.expectIntact(db)
        let mixed = try guests()
        #expect(mixed.owner.count == 1)
        #expect(mixed.count == (mixed.owner.first == "a" ? 1500 : 300))

        // A restore killed at random points: the database is the old lab or the restored one.
        for delay in [20_000, 60_000, 150_000] {
            try #require(try SafetyCLI.run(["import", "--db", db, b]).status == 0)
            let running = try SafetyCLI.start(["restore", "--db", db, backup, "--yes"])
            usleep(useconds_t(delay))
            running.kill9()
            _ = running.wait()
            try SafetyCrashTests.expectIntact(db)
            let state = try guests()
            #expect(state.owner.count == 1)
            #expect(state.count == (state.owner.first == "a" ? 1500 : 300), "after a kill at \(delay) µs")
        }
    }

    @Test("an allocation storm with kill -9: each `ip allocate --count` is all or nothing, in the history too")
    func allocationStorm() throws {
        let folder = try SafetyCLI.scratch()
        let db = folder + "/lab.db"
        let lab = folder + "/lab.yaml"
        try SafetyCLI.generatedLab(vms: 8, hosts: 4).write(toFile: lab, atomically: true, encoding: .utf8)
        try #require(try SafetyCLI.run(["import", "--db", db, lab]).status == 0)
        let batch = 400

        let allocators = try (0..<8).map { try SafetyCLI.start(["ip", "allocate", "pool", "--to", "vm\($0)", "--count", String(batch), "--db", db]) }
        // Kill every other allocator, each a little later than the one before.
        for index in stride(from: 0, to: 8, by: 2) {
            usleep(useconds_t(40_000 + index * 60_000))
            allocators[index].kill9()
        }
        var finished: Set<Int> = []
        for (index, allocator) in allocators.enumerated() {
            let result = allocator.wait()
            if !result.signalled {
                #expect(result.status == 0, "allocator \(index): \(result.stderr)")
                finished.insert(index)
            }
        }
        #expect(finished.count >= 4)
        try SafetyCrashTests.expectIntact(db)

        var batches = 0
        for index in 0..<8 {
            let held = Int(try SafetyCLI.sql(db, "SELECT count(*) FROM addresses a JOIN machines m ON m.id = a.machine_id WHERE m.name = 'vm\(index)'")) ?? -1
            // One address from the lab file, plus the whole batch or nothing of it.
            #expect(held == 1 || held == 1 + batch, "vm\(index) holds \(held) addresses")
            if finished.contains(index) { #expect(held == 1 + batch) }
            if held == 1 + batch { batches += 1 }
        }
        #expect(try SafetyCLI.sql(db, "SELECT count(*) - count(DISTINCT family || hex(address)) FROM addresses") == "0")
        // The history holds exactly one change set per committed batch, each with the whole batch.
        let sets = try SafetyCLI.sql(db, """
            SELECT count(*) FROM change_sets s WHERE s.command LIKE 'labdb ip allocate pool%'
            AND (SELECT count(*) FROM changes c WHERE c.change_set_id = s.id AND c.table_name = 'addresses' AND c.operation = 'insert') = \(batch)
            """)
        #expect(sets == String(batches))
        #expect(try SafetyCLI.sql(db, "SELECT count(*) FROM change_sets WHERE command LIKE 'labdb ip allocate%'") == String(batches))

        // The allocator's own index survived the kills: the next address is really free.
        let next = try SafetyCLI.run(["ip", "allocate", "pool", "--to", "vm0", "--db", db])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try SafetyCLI.run(["check", "--db", db]).status == 0)
    }
}
