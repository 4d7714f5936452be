import LabOperations
import Foundation
import Testing

/// Golden transcripts: each file in Transcripts/ is a shell session as a person would see
/// it (`labdb> ` lines are input; everything else is the expected output, errors included),
/// replayed against the seed lab in a fresh database.
/// Set LABDB_RECORD_TRANSCRIPTS=1 to rewrite the files from the actual output (then review the diff).
@Suite("Query shell transcripts")
struct QueryTranscriptTests {
    static let folder = ShellTestLab.root.appendingPathComponent("Tests/LabREPLTests/Transcripts")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".transcript") }.sorted()
    }

    @Test("every transcript is found")
    func transcriptsExist() {
        #expect(QueryTranscriptTests.files.count >= 5)
    }

    @Test("transcript replays exactly", arguments: QueryTranscriptTests.files)
    func replay(_ name: String) throws {
        let path = QueryTranscriptTests.folder.appendingPathComponent(name).path
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        let input = expected.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            if line.hasPrefix("labdb> ") { return String(line.dropFirst(7)) }
            if line.hasPrefix("   ...> ") { return String(line.dropFirst(8)) }
            return nil
        }.joined(separator: "\n")
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let actual = try lab.transcript(of: input + "\n")
        if ProcessInfo.processInfo.environment["LABDB_RECORD_TRANSCRIPTS"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(actual == expected, "\(name) differs:\n\(actual)")
    }
}
