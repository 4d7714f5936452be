import Foundation
import Testing

/// A blocking checkpoint (TRUNCATE, RESTART, FULL) or a VACUUM waits for Litestream's read
/// lock for the whole busy timeout: no labdb command may run one. The benchmark tool may,
/// on its own scratch files.
@Suite("No blocking checkpoint in labdb")
struct CheckpointGuardTests {
    @Test("no source or migration of labdb runs wal_checkpoint(TRUNCATE|RESTART|FULL) or VACUUM")
    func noBlockingCheckpoint() throws {
        let root = ReplicaLab.root.path
        let files = ["Sources", "migrations"].flatMap { folder in
            (FileManager.default.enumerator(atPath: root + "/" + folder)?.allObjects as? [String] ?? []).map { folder + "/" + $0 }
        }
        var offenders: [String] = []
        var scanned = 0
        for file in files where file.hasSuffix(".swift") || file.hasSuffix(".sql") || file.hasSuffix(".h") {
            guard !file.hasPrefix("Sources/labdb-bench/") else { continue }
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            scanned += 1
            let lowered = text.lowercased()
            guard lowered.contains("checkpoint") || lowered.contains("vacuum") else { continue }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.drop { $0 == " " }
                guard !code.hasPrefix("///"), !code.hasPrefix("//") else { continue }
                if line.contains(/(?i)wal_checkpoint\s*\(\s*(TRUNCATE|RESTART|FULL)|SQLITE_CHECKPOINT_(TRUNCATE|RESTART|FULL)|\bVACUUM\b/) {
                    offenders.append("\(file):\(number + 1): \(code)")
                }
            }
        }
        #expect(scanned > 100, "the sources were found (\(scanned) files)")
        #expect(offenders.isEmpty, "blocking checkpoints: \(offenders)")
    }
}
