import Foundation
import LabTestSupport
import Testing

/// Issue 18, defect 9: importing a lab file exported before someone allocated or released
/// an address silently undid their work. An export records the database's revision; an
/// import that would change what was changed after it is refused unless --force.
@Suite("Stale lab files", .serialized)
struct StaleImportTests {
    private struct Lab {
        let folder: TemporaryFolder
        let db: String
        var file: String { folder.file("lab.yaml") }

        init() throws {
            folder = try TemporaryFolder()
            db = try TimedLabdb.seeded(in: folder.path).path
        }

        func labdb(_ arguments: String...) throws -> TimedLabdb.Result {
            try TimedLabdb.run(["--db", db] + arguments, limit: 30)
        }

        var bytes: Data? { FileManager.default.contents(atPath: db) }
    }

    @Test("an allocation made after the export is not deleted by importing it: refused, listing who, what and when; --force deletes it")
    func staleAllocationDeleted() throws {
        let lab = try Lab()
        #expect(try lab.labdb("export", "-o", lab.file).status == 0)
        #expect(try String(contentsOfFile: lab.file, encoding: .utf8).contains("\nrevision: "))
        let allocated = try lab.labdb("ip", "allocate", "metallb", "--to", "z440")
        #expect(allocated.status == 0)
        let address = allocated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let before = lab.bytes
        let refused = try lab.labdb("import", lab.file)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("was exported at revision"), "\(refused.stderr)")
        #expect(refused.stderr.contains("address \(address) (insert by "))
        #expect(refused.stderr.contains("ip allocate metallb --to z440"))
        #expect(lab.bytes == before, "a refused import writes nothing")
        let dry = try lab.labdb("import", lab.file, "--dry-run")
        #expect(dry.status == 1)
        #expect(dry.stdout.contains("- delete address \(address)   <- changed since revision"))
        let forced = try lab.labdb("import", lab.file, "--force")
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try lab.labdb("ip", "show", address).stdout.contains("\(address)  free"), "--force deleted it")
    }

    @Test("an address released after the export is not re-created by importing it")
    func staleReleaseUndone() throws {
        let lab = try Lab()
        #expect(try lab.labdb("export", "-o", lab.file).status == 0)
        #expect(try lab.labdb("ip", "release", "192.168.1.100").status == 0)
        let before = lab.bytes
        let refused = try lab.labdb("import", lab.file)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("address 192.168.1.100 (delete by "), "\(refused.stderr)")
        #expect(refused.stderr.contains("ip release 192.168.1.100"))
        #expect(lab.bytes == before)
        #expect(try lab.labdb("import", lab.file, "--force").status == 0)
        #expect(try lab.labdb("ip", "show", "192.168.1.100").stdout.contains("192.168.1.100  allocated"), "--force re-created it")
    }

    @Test("a fresh export imports as a no-op, and its edits import, also twice in a row from the same file")
    func freshExportImportsCleanly() throws {
        let lab = try Lab()
        #expect(try lab.labdb("ip", "allocate", "metallb", "--to", "z440").status == 0)
        #expect(try lab.labdb("export", "-o", lab.file).status == 0)
        let same = try lab.labdb("import", lab.file)
        #expect(same.status == 0)
        #expect(same.stdout.contains("No changes: the database already matches."))
        var text = try String(contentsOfFile: lab.file, encoding: .utf8)
        text = text.replacingOccurrences(of: "HashiCorp Vault (Raft storage)", with: "Vault, edited once")
        try text.write(toFile: lab.file, atomically: true, encoding: .utf8)
        let first = try lab.labdb("import", lab.file)
        #expect(first.status == 0, "\(first.stderr)")
        try text.replacingOccurrences(of: "Vault, edited once", with: "Vault, edited twice").write(toFile: lab.file, atomically: true, encoding: .utf8)
        let second = try lab.labdb("import", lab.file)
        #expect(second.status == 0, "the same person importing the same file again changes only their own work: \(second.stderr)")
    }

    @Test("a hand-written file (no revision) marks deletions of allocations made outside lab files; those need --force")
    func handWrittenMarksOutsideDeletions() throws {
        let lab = try Lab()
        #expect(try lab.labdb("export", "-o", lab.file).status == 0)
        let handWritten = try String(contentsOfFile: lab.file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("revision:") }.joined(separator: "\n")
        // Deleting an allocation that came from the lab file (the seed) is an ordinary edit.
        let withoutVault = handWritten.replacingOccurrences(of: "      - ip: 192.168.1.26\n        dns: vault.lab.mathiaswouters.com\n", with: "")
        try withoutVault.write(toFile: lab.file, atomically: true, encoding: .utf8)
        let seeded = try lab.labdb("import", lab.file, "--dry-run")
        #expect(seeded.status == 0, "\(seeded.stderr)")
        #expect(seeded.stdout.contains("- delete address 192.168.1.26\n"))

        try handWritten.write(toFile: lab.file, atomically: true, encoding: .utf8)
        let allocated = try lab.labdb("ip", "allocate", "metallb", "--to", "z440").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let before = lab.bytes
        let dry = try lab.labdb("import", lab.file, "--dry-run")
        #expect(dry.status == 1)
        #expect(dry.stdout.contains("- delete address \(allocated)   <- allocated outside lab files: insert by "), "\(dry.stdout)")
        #expect(dry.stderr.contains("has no revision"))
        #expect(try lab.labdb("import", lab.file).status == 1)
        #expect(lab.bytes == before)
        #expect(try lab.labdb("import", lab.file, "--force").status == 0)
    }
}
