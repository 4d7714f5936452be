import LabModel

/// `labdb query 'STATEMENT'` is what scripts call in loops. Building the argument
/// parser's command tree costs about 3 ms of reflection per call, a third of the
/// whole run, so a plain `query STATEMENT` with `--db PATH` and `--format F` before or
/// after it is read here; anything else (help, `-`, `--continue`, a bad value) takes the
/// full parser.
struct QueryFastPath {
    let statement: String
    let databaseFlag: String?
    let format: OutputFormat

    /// The fast path for `arguments`, or nil when the full parser should handle them.
    init?(_ arguments: [String]) {
        var sawQuery = false
        var statement: String?
        var databaseFlag: String?
        var format = OutputFormat.table
        var index = 0
        func value(_ name: String) -> String? {
            let argument = arguments[index]
            if argument == name, index + 1 < arguments.count {
                index += 2
                return arguments[index - 1]
            }
            if argument.hasPrefix(name + "=") {
                index += 1
                return String(argument.dropFirst(name.count + 1))
            }
            return nil
        }
        while index < arguments.count {
            if let path = value("--db") {
                databaseFlag = path
            } else if let text = value("--format") {
                guard let parsed = OutputFormat(rawValue: text.lowercased()) else { return nil }
                format = parsed
            } else if arguments[index].hasPrefix("-") || statement != nil {
                return nil
            } else if !sawQuery {
                guard arguments[index] == "query" else { return nil }
                sawQuery = true
                index += 1
            } else {
                statement = arguments[index]
                index += 1
            }
        }
        guard let statement else { return nil }
        self.statement = statement
        self.databaseFlag = databaseFlag
        self.format = format
    }

    /// Runs the statement as `labdb query` does.
    func run() throws {
        let executor = try GlobalOptions.queryExecutor(path: LabDatabase.path(flag: databaseFlag))
        try QueryCommand.runOne(statement, executor: executor, format: format)
    }
}
