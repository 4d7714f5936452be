import LabIP
import LabModel
import LabQuery
import LabStore

/// Runs statements of the query language against a database: parse, bind (checking names
/// against the database), compile to SQL with bound values, run, and type the result.
/// Every write runs in one immediate transaction.
public final class QueryExecutor {
    /// The connection statements run on.
    public let database: Database
    /// The catalog statements resolve against.
    public let catalog: Catalog
    /// Carries out `allocate` and `release`.
    public let allocator: any AddressAllocating
    /// The variables `capacity` statements read their limits from (`LABDB_VCPU_TARGET`, ...),
    /// as `labdb capacity` does; an invalid one fails only those statements.
    public let capacityEnvironment: [String: String]
    /// When set, a statement still running after this many seconds is stopped and fails
    /// with `ExecutionError.timedOut` (the server sets it; the shell has Ctrl-C).
    public var timeLimit: Double?
    private let compiler: SQLCompiler
    /// How long the shell's raw SQL (`.sql`) may run when no `timeLimit` is set, in seconds:
    /// a script has no Ctrl-C.
    public var rawTimeLimit: Double = 10
    /// How much memory SQLite may hold while the shell's raw SQL runs.
    public var rawMemoryLimit: Int64 = 256 << 20
    /// When set, `add records`, `add ranges`, `add prefixes`, `add pools` and `delete records`
    /// read and check the whole lab instead of the edited object's neighbourhood: the
    /// original, slower path, kept as the reference that tests and benchmarks compare with.
    public var editsCheckWholeLab = false

    /// The editor of the shell's lab-wide writes, on the path `editsCheckWholeLab` chooses.
    private var editor: LabEditor { LabEditor(database: database, scope: editsCheckWholeLab ? .wholeLab : .neighbourhood) }

    /// An executor on `database`; defines the SQL functions queries need on it.
    /// `allocator` defaults to the IPAM allocator on `database`; with no `capacityEnvironment`,
    /// `capacity` statements use the default limits.
    public init(database: Database, catalog: Catalog = .lab, allocator: (any AddressAllocating)? = nil,
                capacityEnvironment: [String: String] = [:]) throws {
        self.database = database
        self.catalog = catalog
        self.allocator = allocator ?? IPAMAddressAllocator(database: database)
        self.capacityEnvironment = capacityEnvironment
        self.compiler = SQLCompiler(catalog: catalog)
        try database.defineQueryFunctions()
    }

    /// Parses and binds `text` without running it.
    public func bind(_ text: String) throws(ExecutionError) -> BoundStatement {
        do {
            let statement = try Parser.parse(text)
            return try Binder(catalog: catalog, names: DatabaseObjectNames(database: database, catalog: catalog)).bind(statement)
        } catch {
            throw .diagnostic(error, source: text)
        }
    }

    /// Runs one statement, within `timeLimit` when one is set.
    public func run(_ text: String) throws(ExecutionError) -> ExecutionResult {
        try withinTimeLimit { () throws(ExecutionError) in try runStatement(text) }
    }

    /// Runs `body` under the executor's time limit, when it has one.
    private func withinTimeLimit<T>(_ body: () throws(ExecutionError) -> T) throws(ExecutionError) -> T {
        guard let timeLimit else { return try body() }
        do {
            return try database.withTimeLimit(timeLimit) { () throws(ExecutionError) -> T in try body() }
        } catch let error as ExecutionError {
            throw error
        } catch {
            throw .refused("\(error)")
        }
    }

    private func runStatement(_ text: String) throws(ExecutionError) -> ExecutionResult {
        if let capacity = try CapacityStatement(text) { return try run(capacity) }
        let bound = try bind(text)
        do {
            switch bound {
            case .read(let read):
                do {
                    return .table(try table(compiler.compile(read)))
                } catch let error as StoreError where error.isStatementTooComplex {
                    throw ExecutionError.diagnostic(QueryExecutor.tooComplex(text), source: text)
                }
            case .set(let entity, let key, let keyText, let assignments):
                return .message(try set(entity, key: key, keyText: keyText, assignments))
            case .add(let entity, let name, let assignments) where entity.addsThroughLab:
                return .message(try editor.add(entity, name: name, assignments))
            case .add(let entity, let name, let assignments):
                let insert = compiler.compileAdd(entity, name: name, assignments)
                try database.transaction(.immediate) {
                    try ConsistencyCheck.guarding(database) { try database.execute(insert.sql, insert.arguments.map(\.sqlValue)) }
                }
                let given = assignments.map { field, value in "\(field.name) = \(QueryExecutor.describe(value, field.type))" }
                return .message("added \(entity.singular) \(name)" + (given.isEmpty ? "" : ": " + given.joined(separator: ", ")))
            case .delete(let entity, _, let keyText, let filters) where entity.deletesThroughLab:
                return .message(try RecordWriter(editor: editor).delete(fqdn: keyText, filters: filters))
            case .delete(let entity, let key, let keyText, _):
                return .message(try delete(entity, key: key, keyText: keyText))
            case .allocate(let target, let holder, let dns, let newService):
                let created = newService.map { NewService(cluster: $0.cluster, description: $0.description) }
                return .message(try allocator.allocate(target, to: holder, dns: dns, newService: created))
            case .release(let address):
                return .message(try allocator.release(address))
            }
        } catch {
            throw failure(error, statement: text)
        }
    }

    /// What a statement's failure tells the user: its own error, a time-out, or SQLite's
    /// refusal explained.
    private func failure(_ error: any Error, statement text: String) -> ExecutionError {
        switch error {
        case let error as ExecutionError: return error
        case let error as StoreError where error.isInterrupted: return .timedOut(statement: text, seconds: timeLimit ?? 0)
        case let error as StoreError: return .refused(QueryExecutor.explain(error))
        default: return .refused("\(error)")
        }
    }

    /// Runs `text` as `run` does when it is a read, its rows written as table output while they
    /// are read (no `ResultTable` of every row on the way: for a listing of thousands of rows,
    /// those were most of a short query's memory); nil for any other statement, for `run`.
    public func tableText(_ text: String) throws(ExecutionError) -> String? {
        try withinTimeLimit { () throws(ExecutionError) in try readAsTableText(text) }
    }

    private func readAsTableText(_ text: String) throws(ExecutionError) -> String? {
        if try CapacityStatement(text) != nil { return nil }
        guard case .read(let read) = try bind(text) else { return nil }
        let query = compiler.compile(read)
        var writer = TableTextWriter(columns: query.columns.map(\.name), nullLabels: QueryExecutor.nullLabels(of: query))
        do {
            try forEachRow(of: query) { cell in
                for index in query.columns.indices { writer.append(cell(index)) }
            }
        } catch let error as StoreError where error.isStatementTooComplex {
            throw .diagnostic(QueryExecutor.tooComplex(text), source: text)
        } catch {
            throw failure(error, statement: text)
        }
        return writer.text()
    }

    /// Runs a compiled read and types its cells by the columns' field types.
    public func table(_ query: CompiledQuery) throws -> ResultTable {
        var table = ResultTable(columns: query.columns.map(\.name), nullLabels: QueryExecutor.nullLabels(of: query))
        try forEachRow(of: query) { cell in table.rows.append(query.columns.indices.map(cell)) }
        return table
    }

    /// Calls `body` for each row of `query` with the row's cells, by column index, typed by
    /// the columns' field types and read straight from the statement's columns (no `Row` of
    /// values, nor an array of cells, per row on the way).
    private func forEachRow(of query: CompiledQuery, _ body: (_ cell: (Int) -> Cell) -> Void) throws {
        let types = query.columns.map(\.type)
        try database.forEachRow(reading: query.sql, query.arguments.map(\.sqlValue)) { reader in
            body { QueryExecutor.cell(reader.value(Int32($0)), types[$0]) }
        }
    }

    /// What a null shows in each column of `query` that labels it (`(none)`).
    private static func nullLabels(of query: CompiledQuery) -> [Int: String] {
        var labels: [Int: String] = [:]
        for (index, column) in query.columns.enumerated() { labels[index] = column.nullLabel }
        return labels
    }

    /// A result value as a typed cell.
    static func cell(_ value: SQLValue, _ type: FieldType) -> Cell {
        if value.isNull { return .null }
        switch type {
        case .text: return .text(value.string ?? value.description)
        case .int: return value.int.map(Cell.int) ?? .text(value.string ?? value.description)
        case .number: return value.double.map(Cell.double) ?? .text(value.string ?? value.description)
        case .size: return value.int.map(Cell.size) ?? .text(value.description)
        case .bool: return .bool(value.int.map { $0 != 0 } ?? false)
        case .address: return value.string.flatMap(AddressText.decode).map(Cell.text) ?? .null
        case .cidr: return value.string.flatMap(AddressText.decode).map(Cell.text) ?? .null
        }
    }

    private func ids(_ lookup: CompiledQuery) throws -> [Int64] {
        try database.query(lookup.sql, lookup.arguments.map(\.sqlValue)).compactMap { $0[0].int }
    }

    private func set(_ entity: Entity, key: BoundValue, keyText: String, _ assignments: [(Field, BoundValue)]) throws -> String {
        let update = compiler.compileSet(entity, key: key, assignments)
        try database.transaction(.immediate) {
            let found = try ids(update.lookup)
            guard found.count == 1 else { throw ExecutionError.refused(notFound(entity, keyText, count: found.count)) }
            try ConsistencyCheck.guarding(database) { try database.execute(update.sql, update.values.map(\.sqlValue) + [.integer(found[0])]) }
        }
        let changes = assignments.map { field, value in "\(field.name) = \(QueryExecutor.describe(value, field.type))" }
        return "updated \(entity.singular) \(keyText): " + changes.joined(separator: ", ")
    }

    private func delete(_ entity: Entity, key: BoundValue, keyText: String) throws -> String {
        let deletion = compiler.compileDelete(entity, key: key)
        try database.transaction(.immediate) {
            let found = try ids(deletion.lookup)
            guard found.count == 1 else { throw ExecutionError.refused(notFound(entity, keyText, count: found.count)) }
            let id = found[0]
            var blockers: [String] = []
            for dependant in deletion.dependants {
                let arguments = Array(repeating: SQLValue.integer(id), count: dependant.sql.filter { $0 == "?" }.count)
                let names = try database.query(dependant.sql, arguments).compactMap { $0[0].string }
                if !names.isEmpty { blockers.append("\(dependant.label) \(QueryExecutor.list(names))") }
            }
            guard blockers.isEmpty else {
                throw ExecutionError.refused("cannot delete \(entity.singular) \(keyText): \(blockers.joined(separator: " and ")) depend on it; delete or move them first")
            }
            try ConsistencyCheck.guarding(database) {
                for step in deletion.steps {
                    try database.execute(step, Array(repeating: .integer(id), count: step.filter { $0 == "?" }.count))
                }
            }
        }
        return "deleted \(entity.singular) \(keyText)"
    }

    private func notFound(_ entity: Entity, _ key: String, count: Int) -> String {
        count == 0
            ? "no \(entity.singular) \(key) exists; list them with `\(entity.name)`"
            : "\(count) \(entity.name) match \(key); name it more precisely"
    }

    /// A list of names for a message: all of them up to eight, then "and N more".
    static func list(_ names: [String]) -> String {
        names.count <= 8 ? names.joined(separator: ", ") : names.prefix(8).joined(separator: ", ") + " and \(names.count - 8) more"
    }

    static func describe(_ value: BoundValue, _ type: FieldType) -> String {
        switch value {
        case .null: return "null"
        case .int(let number): return type == .size ? ByteSize(bytes: number).description : String(number)
        case .number(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .text(let text), .addressSet(let text): return text
        case .address(let address): return address.description
        case .network(let network): return network.description
        }
    }

    /// A constraint failure as one sentence.
    /// labdb's own refusal of a condition SQLite cannot compile (its parser stack or
    /// expression depth ran out), pointing at the `where` clause; SQLite's words never reach the user.
    static func tooComplex(_ text: String) -> Diagnostic {
        let tokens = (try? Lexer(text).tokens()) ?? []
        let clause = tokens.first { $0.isKeyword("where") } ?? tokens.first
        return Diagnostic("the condition is too complex to run: it nests too deeply or chains too many tests", at: clause?.range ?? SourceRange(0, 0),
                          hint: "nest fewer parentheses and nots, or split the statement")
    }

    static func explain(_ error: StoreError) -> String {
        let message = error.description
        if message.contains("CHECK constraint") { return "the new value is not allowed: \(message)" }
        if message.contains("UNIQUE constraint") { return "that value is already taken: \(message)" }
        return message
    }
}

extension QueryValue {
    /// The SQLite form of this value.
    var sqlValue: SQLValue {
        switch self {
        case .null: return .null
        case .integer(let v): return .integer(v)
        case .real(let v): return .real(v)
        case .text(let v): return .text(v)
        case .blob(let v): return .blob(v)
        }
    }
}
