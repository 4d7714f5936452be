import LabOperations
import ArgumentParser
import Foundation
import LabCapacity
import LabModel
import LabREPL
import LabStore

/// `labdb shell` (and `labdb` alone): the REPL on a terminal; with piped input, runs the
/// statements read and stops at the first error.
struct ShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "The labdb shell: statements of the query language and dot-commands (.help).",
        discussion: "On a terminal: line editing, history and Tab completion. With input piped, runs the statements read; errors say their line and stop the run (unless --continue).")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .customLong("continue"), help: "With piped input, keep going after a failed statement (the exit status still says it failed).")
    var continueOnError = false

    func run() throws {
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        let executor = try global.queryExecutor()
        let shell = Shell(executor: executor, format: global.format.value, sink: .standard)
        let reader: LineReader
        if interactive {
            reader = EditLineReader(completer: Completer(names: RefreshingNames(executor: executor)),
                                    historyPath: EditLineReader.defaultHistoryPath())
        } else {
            reader = StandardInputReader()
        }
        if shell.run(reader, interactive: interactive, continueOnError: continueOnError) == .failure && !interactive {
            throw CommandFailure("", code: 1)
        }
    }
}

/// `labdb query 'STATEMENT'`: one statement; `-` reads statements from standard input.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run one statement of the query language (docs/query-language.md); - reads statements from standard input.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The statement, e.g. 'vms where ram >= 8G sort by ram desc'; - reads standard input.")
    var statement: String

    @Flag(name: .customLong("continue"), help: "With -, keep going after a failed statement.")
    var continueOnError = false

    func run() throws {
        let executor = try global.queryExecutor()
        if statement == "-" {
            let shell = Shell(executor: executor, format: global.format.value, sink: .standard)
            let outcome = shell.run(StandardInputReader(), interactive: false, continueOnError: continueOnError)
            if outcome == .failure { throw CommandFailure("", code: 1) }
        } else {
            try QueryCommand.runOne(statement, executor: executor, format: global.format.value)
        }
    }

    /// Runs one statement and prints its result; a failed statement exits 1.
    static func runOne(_ statement: String, executor: QueryExecutor, format: OutputFormat) throws {
        let shell = Shell(executor: executor, format: format, sink: .standard)
        if shell.run(TextLineReader(statement), interactive: false) == .failure { throw CommandFailure("", code: 1) }
    }
}

extension GlobalOptions {
    /// The query executor on the database: `allocate`/`release` by the IPAM allocator, and
    /// `capacity` under the limits of the `LABDB_*` environment variables, as `labdb capacity` uses them.
    func queryExecutor() throws -> QueryExecutor {
        try GlobalOptions.queryExecutor(path: databasePath)
    }

    /// The query executor on the database at `path`. Only the limit variables are read: the
    /// whole environment as a dictionary is a measurable part of a short query's start-up.
    static func queryExecutor(path: String) throws -> QueryExecutor {
        let database = try open(path: path)
        return try QueryExecutor(database: database, allocator: IPAMAddressAllocator(database: database),
                                 capacityEnvironment: ProcessEnvironment.values(CapacityLimits.environmentNames.map(\.variable)))
    }
}
