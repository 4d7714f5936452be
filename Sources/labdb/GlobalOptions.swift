import ArgumentParser
import Foundation
import LabModel
import LabStore

/// Flags every command takes: where the database is and how to print.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The database file (else $LABDB_DB, else ~/.local/share/labdb/lab.db).")
    var db: String?

    @Option(name: .long, help: "Output format: table, json, csv or yaml.")
    var format: OutputFormatOption = .table

    /// The resolved database path.
    var databasePath: String { LabDatabase.path(flag: db) }

    /// Opens (creating and migrating when missing) the database.
    /// Every write through it is recorded in the history under this command line.
    func open(create: Bool = true) throws -> Database {
        try GlobalOptions.open(path: databasePath, create: create)
    }

    /// Opens the database at `path` for writing, with this command line as the history's change context.
    static func open(path: String, create: Bool = true) throws -> Database {
        let db = try LabDatabase.open(path: path, create: create)
        db.setChangeContext { .commandLine(["labdb"] + CommandLine.arguments.dropFirst(), environment: ProcessEnvironment.values(["SUDO_USER"])) }
        return db
    }

    /// Opens the database read-only; it must exist.
    func openReadOnly() throws -> Database {
        try LabDatabase.open(path: databasePath, create: false, readOnly: true)
    }

    func render(_ table: ResultTable) -> String { format.value.render(table) }

    /// An array, not a set: a `Set<String>` made here cost a scan of every protocol
    /// conformance in the binary at start-up (about 0.3 ms).
    static let names = ["--db", "--format"]

    /// Moves global flags that stand before the subcommand to after it, so that
    /// `labdb --db x ranges` and `labdb ranges --db x` mean the same.
    static func hoisted(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if names.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if names.contains(where: { argument.hasPrefix($0 + "=") }) {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty else { return arguments }
        var rest = Array(arguments[index...])
        // Subcommand words come first (e.g. `ip next`), then the flags.
        var words = 0
        while words < rest.count, !rest[words].hasPrefix("-"), Labdb.isCommandPath(Array(rest[...words])) { words += 1 }
        rest.insert(contentsOf: leading, at: words)
        return rest
    }
}

/// `--format` as an argument-parser value.
struct OutputFormatOption: ExpressibleByArgument {
    let value: OutputFormat

    init(_ value: OutputFormat) { self.value = value }

    init?(argument: String) {
        guard let format = OutputFormat(rawValue: argument.lowercased()) else { return nil }
        value = format
    }

    static let table = OutputFormatOption(.table)
    static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }
    var defaultValueDescription: String { value.rawValue }
}
