import LabOperations
import LabIP
import LabModel
import LabQuery
import LabStore

/// The labdb shell: reads statements (ending with `;`, over several lines if need be) and
/// dot-commands from a `LineReader`, runs them, and prints results and errors.
public final class Shell {
    /// Where text goes: results to `output`, errors to `errors`.
    public struct Sink {
        let output: (String) -> Void
        let errors: (String) -> Void

        /// A sink writing results with `output` and errors with `errors`.
        public init(output: @escaping (String) -> Void, errors: @escaping (String) -> Void) {
            self.output = output
            self.errors = errors
        }
    }

    /// How `run` ended.
    public enum Outcome: Equatable, Sendable {
        /// Every statement succeeded.
        case success
        /// At least one statement failed.
        case failure
    }

    let executor: QueryExecutor
    /// How results are printed (`.mode`).
    public private(set) var format: OutputFormat
    /// Whether each statement's time is printed (`.timer`).
    public private(set) var timer = false
    let sink: Sink
    private var readDepth = 0
    private var quitRequested = false
    private var rawConnection: Database?

    /// Nested `.read` deeper than this is refused (a file that reads itself stops here).
    static let maximumReadDepth = 8
    /// The prompt of a new statement.
    public static let prompt = "labdb> "
    /// The prompt while a statement continues.
    public static let continuationPrompt = "   ...> "

    /// A shell running statements with `executor`, printing in `format` to `sink`.
    public init(executor: QueryExecutor, format: OutputFormat = .table, sink: Sink) {
        self.executor = executor
        self.format = format
        self.sink = sink
    }

    /// Reads and runs until the input ends or `.quit`.
    /// - Parameters:
    ///   - interactive: a person is typing: errors do not stop the shell and carry no line numbers.
    ///   - continueOnError: when not interactive, keep going after a failed statement.
    ///   - echo: print each prompt and line read (for transcripts).
    ///   - source: the file being read, named in error messages.
    public func run(_ reader: LineReader, interactive: Bool, continueOnError: Bool = false, echo: Bool = false, source: String? = nil) -> Outcome {
        var outcome = Outcome.success
        var splitter = StatementSplitter()
        var lineNumber = 0
        let stopOnError = !interactive && !continueOnError
        while !quitRequested {
            let prompt = splitter.isBlank ? Shell.prompt : Shell.continuationPrompt
            let line: String
            switch reader.readLine(prompt: prompt) {
            case .end:
                if interactive { sink.output("\n") }
                if !splitter.isBlank, !interactive,
                   !execute(splitter.pending, line: splitter.pendingLine, interactive: interactive, source: source) {
                    outcome = .failure
                }
                return outcome
            case .interrupted:
                splitter.reset()
                continue
            case .line(let text):
                line = text
            }
            lineNumber += 1
            if echo { sink.output(prompt + line + "\n") }
            if !line.allSatisfy(\.isWhitespace) { reader.remember(line) }
            if splitter.isBlank, line.drop(while: \.isWhitespace).hasPrefix(".") {
                splitter.reset()
                if !dotCommand(String(line.drop(while: \.isWhitespace)), line: lineNumber, interactive: interactive, source: source) {
                    outcome = .failure
                    if stopOnError { return outcome }
                }
                continue
            }
            for statement in splitter.feed(line, line: lineNumber) where !StatementSplitter.isBlank(statement.text) {
                if !execute(statement.text, line: statement.line, interactive: interactive, source: source) {
                    outcome = .failure
                    if stopOnError { return outcome }
                }
            }
        }
        return outcome
    }

    /// Runs one statement and prints its result; false when it failed.
    @discardableResult
    public func execute(_ text: String, line: Int = 1, interactive: Bool = true, source: String? = nil) -> Bool {
        let start = ContinuousClock.now
        do {
            if format == .table, let table = try executor.tableText(text) {
                sink.output(table)
            } else {
                switch try executor.run(text) {
                case .table(let table): sink.output(format.render(table))
                case .message(let message): sink.output(message + "\n")
                case .document(let document): sink.output(document.render(format))
                }
            }
            if timer { sink.output("time: \(Shell.milliseconds(since: start)) ms\n") }
            return true
        } catch {
            report(error.rendered, line: line + error.lineOffset, interactive: interactive, source: source)
            return false
        }
    }

    private func report(_ message: String, line: Int, interactive: Bool, source: String?) {
        if interactive && source == nil {
            sink.errors("error: \(message)\n")
        } else {
            sink.errors("error near line \(line)\(source.map { " of \($0)" } ?? ""): \(message)\n")
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        return String(Double(micros) / 1000)
    }

    // MARK: dot-commands

    private func dotCommand(_ line: String, line number: Int, interactive: Bool, source: String?) -> Bool {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        let name = words[0].lowercased()
        let arguments = Array(words.dropFirst())
        func fail(_ message: String) -> Bool {
            report(message, line: number, interactive: interactive, source: source)
            return false
        }
        switch name {
        case ".quit", ".exit":
            quitRequested = true
            return true
        case ".help":
            sink.output(help(prefix: arguments.first))
            return true
        case ".mode":
            guard let word = arguments.first else {
                sink.output("mode: \(format.rawValue)\n")
                return true
            }
            guard let mode = OutputFormat(rawValue: word.lowercased()), arguments.count == 1 else {
                return fail("unknown mode '\(word)'; use .mode table, json, csv or yaml")
            }
            format = mode
            return true
        case ".timer":
            guard arguments.count == 1, ["on", "off"].contains(arguments[0].lowercased()) else {
                return fail("use .timer on or .timer off")
            }
            timer = arguments[0].lowercased() == "on"
            return true
        case ".entities":
            let rows = executor.catalog.entities.map { [Cell.text($0.name), .text($0.summary)] }
            sink.output(format.render(ResultTable(columns: ["entity", "holds"], rows: rows)))
            return true
        case ".schema":
            guard arguments.count == 1 else { return fail("use .schema ENTITY, e.g. .schema vms") }
            guard let entity = executor.catalog.entity(arguments[0]) else {
                let names = executor.catalog.entities.map(\.name)
                let hint = Suggestion.closest(to: arguments[0], in: names).map { "; did you mean '\($0)'?" } ?? "; entities: " + names.joined(separator: ", ")
                return fail("unknown entity '\(arguments[0])'" + hint)
            }
            let rows = entity.fields.map { field -> [Cell] in
                [.text(field.name), .text(field.type.rawValue), .bool(field.isWritable), .text(field.summary)]
            }
            sink.output(format.render(ResultTable(columns: ["field", "type", "settable", "meaning"], rows: rows)))
            return true
        case ".read":
            guard arguments.count == 1 else { return fail("use .read FILE") }
            return read(file: arguments[0], interactive: interactive, fail: fail)
        case ".sql":
            let sql = line.drop(while: { !$0.isWhitespace }).drop(while: \.isWhitespace)
            guard !sql.isEmpty else { return fail("use .sql SQL, e.g. .sql SELECT count(*) FROM machines") }
            return raw(String(sql), fail: fail)
        default:
            let hint = Suggestion.closest(to: name, in: DotCommand.all.map(\.name)).map { "; did you mean \($0)?" } ?? "; see .help"
            return fail("unknown command \(name)" + hint)
        }
    }

    /// The help text, limited to commands and statements starting with `prefix`.
    func help(prefix: String?) -> String {
        let wanted = prefix?.lowercased().trimmingPrefix(".") ?? ""
        var out = ""
        for command in DotCommand.all where command.name.dropFirst().hasPrefix(wanted) {
            out += command.usage.padding(to: 28) + command.summary + "\n"
        }
        for statement in DotCommand.statements where wanted.isEmpty || statement.usage.lowercased().hasPrefix(wanted) {
            out += statement.usage + "\n    " + statement.summary + "\n"
        }
        if out.isEmpty { return "no command starts with '\(prefix ?? "")'; see .help\n" }
        if wanted.isEmpty { out += "Entities: .entities; fields: .schema ENTITY; the language: docs/query-language.md\n" }
        return out
    }

    private func read(file: String, interactive: Bool, fail: (String) -> Bool) -> Bool {
        guard readDepth < Shell.maximumReadDepth else {
            return fail(".read nests more than \(Shell.maximumReadDepth) files deep; does \(file) read itself?")
        }
        guard let text = FileText.read(file) else { return fail("cannot read \(file)") }
        readDepth += 1
        defer { readDepth -= 1 }
        // Statements of a file stop at their first error, whether or not a person typed `.read`.
        return run(TextLineReader(text), interactive: false, source: file) == .success
    }

    private func raw(_ sql: String, fail: (String) -> Bool) -> Bool {
        do {
            if rawConnection == nil {
                let connection = try Database(path: executor.database.path, readOnly: true)
                try connection.execute("PRAGMA query_only = ON")
                try connection.defineQueryFunctions()
                rawConnection = connection
            }
            let connection = rawConnection!
            // The statements' time limit (or, in a shell without one, rawTimeLimit) and a memory limit.
            let seconds = executor.timeLimit ?? executor.rawTimeLimit
            let rows: [Row]
            do {
                rows = try connection.withTimeLimit(seconds) { try connection.withMemoryLimit(executor.rawMemoryLimit) { try connection.query(sql) } }
            } catch let error as StoreError where error.isInterrupted {
                return fail(ExecutionError.timedOut(statement: sql, seconds: seconds).description)
            }
            var table = ResultTable(columns: rows.first?.columns ?? [])
            table.rows = rows.map { row in row.values.map(Shell.rawCell) }
            sink.output(format.render(table))
            return true
        } catch {
            return fail("\(error)")
        }
    }

    static func rawCell(_ value: SQLValue) -> Cell {
        switch value {
        case .null: return .null
        case .integer(let v): return .int(v)
        case .real(let v): return .double(v)
        case .text(let v): return .text(v)
        case .blob: return .text(value.description)
        }
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
