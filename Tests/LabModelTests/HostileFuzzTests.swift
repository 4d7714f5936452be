import Foundation
import Testing
@testable import LabModel
import LabTestSupport

/// Hostile shapes for the lab-file importer and the file-target checks (issue 18): alias
/// bombs, NUL characters, huge values, and special files spelled many ways. Runs and seed
/// come from LABDB_FUZZ_RUNS and LABDB_FUZZ_SEED, like SafetyFuzzTests.
@Suite("Hostile fuzzing: lab files and file targets")
struct HostileFuzzTests {
    /// Hostile lab files, from a seed.
    struct Shapes {
        var random: SplitMix64

        /// One hostile file: anchors aliased many times, nested aliases, NULs, long values.
        mutating func next() -> String {
            let long = String(repeating: "x", count: Int.random(in: 1...20_000, using: &random))
            switch Int.random(in: 0..<5, using: &random) {
            case 0:
                // Many aliases of one (possibly long) anchored value.
                let count = Int.random(in: 1...25_000, using: &random)
                return "hosts:\n  - name: h1\n    kind: server\n    tags:\n      - &v \(long)\n" + String(repeating: "      - *v\n", count: count)
            case 1:
                // Nested aliases: each level lists the previous one several times.
                let width = Int.random(in: 2...12, using: &random), depth = Int.random(in: 1...12, using: &random)
                var lines = ["l0: &l0 [" + Array(repeating: "lol", count: width).joined(separator: ", ") + "]"]
                for level in 1...depth {
                    lines.append("l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: width).joined(separator: ", ") + "]")
                }
                return lines.joined(separator: "\n") + "\n"
            case 2:
                // A NUL, escaped or raw, somewhere in a value.
                let escaped = Bool.random(using: &random)
                return "zones:\n  - name: example.com\n    description: \(escaped ? "\"a\\0b\"" : "a\u{0}b")\n"
            case 3:
                // A long bad value in a checked field: its message must stay short.
                let key = ["name", "cpus", "ram", "kind"].randomElement(using: &random)!
                return "hosts:\n  - name: h1\n    kind: server\n    \(key == "name" ? "model" : key): \(long)\n  - name: \(long)\n    kind: server\n"
            default:
                // Aliases used as mapping keys and merge keys.
                return "hosts:\n  - &h\n    name: h1\n    kind: server\n" + String(repeating: "  - *h\n", count: Int.random(in: 1...2_000, using: &random))
            }
        }
    }

    static var runs: Int { Int(ProcessInfo.processInfo.environment["LABDB_FUZZ_RUNS"] ?? "").map { max(1, $0 / 25) } ?? 100 }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["LABDB_FUZZ_SEED"] ?? "") ?? 0x1AB_DB }

    @Test("hostile lab files parse or are refused with short messages, each in well under a second")
    func hostileLabFiles() {
        var shapes = Shapes(random: SplitMix64(seed: HostileFuzzTests.seed ^ 0x18))
        for run in 0..<HostileFuzzTests.runs {
            let text = shapes.next()
            let start = ContinuousClock.now
            do {
                _ = try LabFileParser(file: "fuzz").parse(text)
            } catch let error as LabFileError {
                #expect(!error.problems.isEmpty)
                #expect(error.problems.allSatisfy { $0.message.count <= ProblemCollector.maximumMessage && !$0.message.contains("\u{0}") }, "run \(run)")
            } catch {
                Issue.record("run \(run): \(type(of: error)) instead of LabFileError")
            }
            let elapsed = ContinuousClock.now - start
            #expect(elapsed < .seconds(2), "run \(run) took \(elapsed) for \(text.utf8.count) bytes")
        }
    }

    @Test("special files and the database's own files are refused however their path is spelled")
    func fileTargets() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-targets-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/lab.db"
        _ = FileManager.default.createFile(atPath: database, contents: Data("x".utf8))
        #expect(mkfifo(folder + "/pipe", 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: database)
        var random = SplitMix64(seed: HostileFuzzTests.seed ^ 0x5)
        let targets = ["pipe", "link", "sub", "lab.db", "lab.db-wal", "lab.db-shm", "lab.db-journal"]
        for _ in 0..<HostileFuzzTests.runs {
            let name = targets.randomElement(using: &random)!
            let spelling = [folder + "/" + name, folder + "/./" + name, folder + "//" + name, folder + "/sub/../" + name].randomElement(using: &random)!
            #expect(throws: FileTargetError.self, "\(spelling)") { try FileTarget.requireReplaceable(spelling, database: database) }
        }
        try FileTarget.requireReplaceable(folder + "/backup.db", database: database)
    }
}
