import LabOperations
import Foundation
import Testing

/// What a run of the labdb binary printed and returned.
struct LabdbRun {
    let status: Int32
    let output: String
    let errors: String

    /// Runs the built labdb with `arguments`, feeding `input` on standard input.
    static func run(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> LabdbRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ShellTestLab.binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return LabdbRun(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
    }
}

@Suite("Query shell as a process", .serialized)
struct QueryShellProcessTests {
    @Test("piped statements run until the first error, which names its line; exit 1; no history written")
    func pipedStopsAtFirstError() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let data = lab.folder.appendingPathComponent("xdg").path
        let run = try LabdbRun.run(["--db", lab.databasePath], input: "zones select name;\n\nhosts where\n  rma > 1G;\nclusters select name;\n",
                                   environment: ["XDG_DATA_HOME": data])
        #expect(run.status == 1)
        #expect(run.output == "name\n------------------\nmathiaswouters.com\n(1 row)\n")
        #expect(run.errors.hasPrefix("error near line 4: hosts have no field 'rma'; did you mean 'ram'?\n"))
        #expect(run.errors.contains("    rma > 1G\n    ^^^"))
        #expect(!FileManager.default.fileExists(atPath: data + "/labdb/history"))
    }

    @Test("--continue runs every statement and still exits 1 when one failed")
    func pipedContinue() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let run = try LabdbRun.run(["shell", "--db", lab.databasePath, "--continue"], input: "vmz;\nclusters select name\n")
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("error near line 1: unknown entity 'vmz'"))
        #expect(run.output.contains("prod"), "the last statement runs without a closing ;")
    }

    @Test("labdb query runs one statement with --format; - reads standard input")
    func queryCommand() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let json = try LabdbRun.run(["query", "--db", lab.databasePath, "--format", "json", "vms where ram >= 12G select name, ram limit 1"])
        #expect(json.status == 0)
        #expect(json.output == "[{\"name\":\"prod-worker-01\",\"ram\":12884901888}]\n")
        let piped = try LabdbRun.run(["--db", lab.databasePath, "query", "-"], input: "clusters count;\nzones count;\n")
        #expect(piped.status == 0)
        #expect(piped.output.contains("    3\n") && piped.output.contains("    1\n"))
        let bad = try LabdbRun.run(["query", "--db", lab.databasePath, "vms where ram > 8"])
        #expect(bad.status == 1)
        #expect(bad.errors.contains("ram is a size; '8' has no unit"))
    }

    @Test("labdb --help still prints the root help; shell is the default subcommand")
    func help() throws {
        let run = try LabdbRun.run(["--help"])
        #expect(run.status == 0)
        #expect(run.output.contains("SUBCOMMANDS"))
        #expect(run.output.contains("shell (default)"))
        #expect(run.output.contains("query"))
    }
}
