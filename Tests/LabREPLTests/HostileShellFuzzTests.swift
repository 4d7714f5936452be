import Foundation
import LabOperations
import LabREPL
import Testing
import LabTestSupport

/// Hostile statements through the shell and a real SQLite file (issue 18): long and/or
/// chains, deep nesting, runs of nots, NUL bytes and statements spread over many lines.
/// Each gives a result or labdb's own error; SQLite's parser messages never show.
/// LABDB_FUZZ_RUNS and LABDB_FUZZ_SEED make a session longer or different.
@Suite("Hostile fuzzing: statements in the shell")
struct HostileShellFuzzTests {
    static var runs: Int { Int(ProcessInfo.processInfo.environment["LABDB_FUZZ_RUNS"] ?? "").map { max(1, $0 / 50) } ?? 60 }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["LABDB_FUZZ_SEED"] ?? "") ?? 0x1AB_DB }

    /// Hostile statements, from a seed.
    struct Shapes {
        var random: SplitMix64
        static let tests = ["cpus = 1", "name ~ 'e*'", "tags != x", "ip in 192.168.1.0/24", "not ram > 1G", "name in (a, b, c)", "ip = 192.168.1.10"]

        mutating func next() -> String {
            func test() -> String { Shapes.tests.randomElement(using: &random)! }
            switch Int.random(in: 0..<5, using: &random) {
            case 0:
                let count = Int.random(in: 1...9_000, using: &random)
                let op = Bool.random(using: &random) ? " and " : " or "
                return "hosts where " + (0..<count).map { _ in test() }.joined(separator: op) + ";"
            case 1:
                var condition = test()
                for level in 0..<Int.random(in: 1...80, using: &random) {
                    let width = Int.random(in: 0...20, using: &random)
                    let siblings = (0..<width).map { _ in test() }
                    let parts = Bool.random(using: &random) ? [condition] + siblings : siblings + [condition]
                    condition = (Bool.random(using: &random) ? "not " : "") + "(" + parts.joined(separator: level % 2 == 0 ? " and " : " or ") + ")"
                }
                return "hosts where " + condition + ";"
            case 2:
                return "hosts where " + String(repeating: "not ", count: Int.random(in: 1...5_000, using: &random)) + test() + ";"
            case 3:
                var text = Array("set vms vault description = 'abc'; hosts where \(test());")
                text.insert("\u{0}", at: Int.random(in: 0...text.count, using: &random))
                return String(text)
            default:
                let lines = Int.random(in: 1...3_000, using: &random)
                return "hosts where " + test() + "\n" + (0..<lines).map { _ in "  and " + test() }.joined(separator: "\n") + "\n;"
            }
        }
    }

    @Test("hostile statements give a result or labdb's own error, never SQLite's parser messages, and never store a cut value")
    func hostileStatements() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let description = try lab.database.scalar("SELECT description FROM machines WHERE name = 'vault'")?.string
        var shapes = Shapes(random: SplitMix64(seed: HostileShellFuzzTests.seed))
        for run in 0..<HostileShellFuzzTests.runs {
            let input = shapes.next()
            var errors = ""
            let shell = Shell(executor: try lab.executor(), sink: Shell.Sink(output: { _ in }, errors: { errors += $0 }))
            let start = ContinuousClock.now
            _ = shell.run(TextLineReader(input + "\n"), interactive: false, continueOnError: true)
            let elapsed = ContinuousClock.now - start
            #expect(!errors.contains("parser stack overflow") && !errors.contains("Expression tree") && !errors.contains("too many SQL variables"),
                    "run \(run): \(errors.prefix(300))")
            #expect(elapsed < .seconds(10), "run \(run) took \(elapsed)")
            if input.contains("\u{0}") { #expect(errors.contains("NUL character"), "run \(run)") }
        }
        // The set before a NUL may run; a value is never stored cut at the NUL.
        let stored = try lab.database.scalar("SELECT description FROM machines WHERE name = 'vault'")?.string
        #expect(stored == description || stored == "abc", "\(String(describing: stored))")
    }
}
