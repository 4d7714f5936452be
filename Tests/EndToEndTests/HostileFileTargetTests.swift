import Foundation
import LabTestSupport
import Testing

/// Issue 18, defects 5, 6 and 10: backups and exports over special files and over the
/// database's own files, and the message of `ip next --count` when too few are free.
@Suite("Hostile targets of backup and export", .serialized)
struct HostileFileTargetTests {
    /// A FIFO, a symbolic link to a regular file, and a folder in `folder`.
    private func specialFiles(in folder: TemporaryFolder) throws -> [(path: String, kind: String)] {
        let fifo = folder.file("pipe")
        #expect(mkfifo(fifo, 0o644) == 0)
        let victim = folder.file("victim.txt")
        try "keep me\n".write(toFile: victim, atomically: false, encoding: .utf8)
        let link = folder.file("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        let directory = folder.file("dir")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        return [(fifo, "a FIFO (named pipe)"), (link, "a symbolic link"), (directory, "a folder")]
    }

    private func fileType(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }

    @Test("backup and export refuse a FIFO, a symbolic link and a folder, naming what each is, and leave them as they were")
    func specialTargets() throws {
        let folder = try TemporaryFolder()
        let (db, before) = try TimedLabdb.seeded(in: folder.path)
        let targets = try specialFiles(in: folder)
        let types = targets.map { fileType($0.path) }
        for (path, kind) in targets {
            for arguments in [["backup", path], ["export", "-o", path], ["export", "--prometheus-sd", path]] {
                let run = try TimedLabdb.run(["--db", db] + arguments, limit: 30)
                #expect(!run.timedOut, "\(arguments) hung (a FIFO opened for writing blocks)")
                #expect(run.status == 1, "\(arguments): \(run.stdout)")
                #expect(run.stderr.contains("\(path) is \(kind), not a regular file"), "\(arguments): \(run.stderr)")
            }
        }
        #expect(targets.map { fileType($0.path) } == types)
        #expect(try String(contentsOfFile: folder.file("victim.txt"), encoding: .utf8) == "keep me\n")
        #expect(FileManager.default.contents(atPath: db) == before)
    }

    @Test("backup refuses the database and its -wal, -shm and -journal companions, by any spelling; restore refuses to read them")
    func databaseCompanions() throws {
        let folder = try TemporaryFolder()
        let (db, before) = try TimedLabdb.seeded(in: folder.path)
        let spellings = ["lab.db", "lab.db-wal", "lab.db-shm", "lab.db-journal"].flatMap { [folder.file($0), folder.path + "/./" + $0] }
            + [folder.path + "/../" + URL(fileURLWithPath: folder.path).lastPathComponent + "/lab.db-wal"]
        for target in spellings {
            let run = try TimedLabdb.run(["--db", db, "backup", target], limit: 30)
            #expect(run.status == 1, "backup \(target) was accepted")
            #expect(run.stderr.contains("the database"), "\(run.stderr)")
            let export = try TimedLabdb.run(["--db", db, "export", "-o", target], limit: 30)
            #expect(export.status == 1, "export -o \(target) was accepted")
        }
        let restore = try TimedLabdb.run(["--db", db, "restore", folder.file("lab.db-wal"), "--yes"], limit: 30)
        #expect(restore.status == 1)
        #expect(restore.stderr.contains("write-ahead log"), "\(restore.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("lab.db-wal")) || fileType(folder.file("lab.db-wal")) == .typeRegular)
        #expect(FileManager.default.contents(atPath: db) == before)
        #expect(try TimedLabdb.run(["--db", db, "backup", folder.file("copy.db")], limit: 30).status == 0)
    }

    @Test("ip next --count more than are free says how many are free and how many were asked for")
    func tooFewFreeMessage() throws {
        let folder = try TemporaryFolder()
        let (db, _) = try TimedLabdb.seeded(in: folder.path)
        let run = try TimedLabdb.run(["--db", db, "ip", "next", "metallb", "--count", "50"], limit: 30)
        #expect(run.status == 1)
        #expect(run.stderr.contains("range 'metallb' has 49 free addresses of 51 usable, fewer than the 50 asked for"), "\(run.stderr)")
        #expect(!run.stderr.contains("all 51 usable addresses are allocated"))
        #expect(try TimedLabdb.run(["--db", db, "ip", "next", "metallb", "--count", "49"], limit: 30).status == 0)
    }
}
