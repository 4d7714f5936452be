import Foundation
import LabOperations
import LabREPL
import Testing

/// Issue 18: `.sql` ran raw SQL with no limit (`randomblob(1e9)` took 2.9 GB, a recursive
/// CTE ran forever). It now has the statements' time limit and a memory limit.
@Suite("Raw SQL limits")
struct RawSQLLimitTests {
    private func run(_ input: String, timeLimit: Double) throws -> (text: String, seconds: Double) {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let executor = try lab.executor()
        executor.timeLimit = timeLimit
        executor.rawTimeLimit = 60  // the statements' limit is the one that applies
        var text = ""
        let shell = Shell(executor: executor, sink: Shell.Sink(output: { text += $0 }, errors: { text += $0 }))
        let start = ContinuousClock.now
        _ = shell.run(TextLineReader(input), interactive: false, continueOnError: true)
        let elapsed = ContinuousClock.now - start
        return (text, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    @Test("a recursive CTE that never ends is stopped at the statements' time limit with a message; the shell goes on")
    func endlessQuery() throws {
        let result = try run(".sql WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c\nzones select name;\n", timeLimit: 0.5)
        #expect(result.text.contains("the statement ran longer than the 0.5 s limit and was stopped"), "\(result.text)")
        #expect(result.text.contains("mathiaswouters.com"))
        #expect(result.seconds < 5)
    }

    @Test("a gigabyte blob is refused at the memory limit with a message; later raw SQL still runs")
    func hugeBlob() throws {
        let result = try run(".sql SELECT length(randomblob(1e9))\n.sql SELECT count(*) AS n FROM machines\n", timeLimit: 10)
        #expect(result.text.contains("the statement needed more than its limit of 256 MiB of memory and was stopped"), "\(result.text)")
        #expect(result.text.contains("19"))
    }
}

extension RawSQLLimitTests {
    @Test("without a statement time limit (the shell's default), raw SQL still stops after rawTimeLimit")
    func defaultLimit() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let executor = try lab.executor()
        #expect(executor.timeLimit == nil)
        executor.rawTimeLimit = 0.3
        var text = ""
        let shell = Shell(executor: executor, sink: Shell.Sink(output: { text += $0 }, errors: { text += $0 }))
        _ = shell.run(TextLineReader(".sql WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c\n"), interactive: false)
        #expect(text.contains("the statement ran longer than the 0.3 s limit and was stopped"), "\(text)")
    }
}
