import Foundation
import LabModel
import Testing

/// `restore` moves a database that cannot be read at all aside, file by file; under a
/// running replicator that would pull the file from under Litestream, so it refuses.
@Suite("Restore over a damaged, replicated database")
struct DamagedDatabaseTests {
    @Test("a damaged live file held by Litestream is not moved aside; the message names the replication")
    func damagedAndReplicated() throws {
        let lab = try ReplicaLab(endpoint: "http://127.0.0.1:\(try MotoServer.freePort())")
        let copy = lab.folder.file("copy.db")
        try lab.require(["backup", copy])
        let garbage = Data(repeating: 0x5A, count: 64 * 1024)
        try garbage.write(to: URL(fileURLWithPath: lab.database))
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: lab.database + suffix) }

        #expect(throws: BackupError.replicatedWhileDamaged(database: lab.database, replicator: "Litestream (pid 4242)")) {
            try LabBackup.restore(from: copy, into: lab.database, confirmed: true, replicator: "Litestream (pid 4242)")
        }
        #expect(FileManager.default.contents(atPath: lab.database) == garbage, "the damaged file is where it was")
        let message = BackupError.replicatedWhileDamaged(database: lab.database, replicator: "Litestream (pid 4242)").description
        #expect(message.contains("Litestream (pid 4242) is replicating it") && message.contains("stop the replication first"))

        // Without a replicator the file is saved aside and the backup put in place, as before.
        let summary = try LabBackup.restore(from: copy, into: lab.database, confirmed: true)
        #expect(summary.savedPrevious.map { FileManager.default.fileExists(atPath: $0) } == true)
        #expect(try lab.labdb(["check"]).status == 0)
    }
}
