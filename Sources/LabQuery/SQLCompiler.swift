import LabIP

/// Turns bound statements into SQL with bound values. Identifiers come only from the
/// catalog; every value, including names in `of` and `in`, is a `?` parameter.
public struct SQLCompiler {
    /// The catalog whose name sources `nameLookup` uses.
    public let catalog: Catalog

    /// A compiler for `catalog`.
    public init(catalog: Catalog = .lab) {
        self.catalog = catalog
    }

    /// Accumulates SQL arguments while conditions are emitted.
    struct Arguments {
        var values: [QueryValue] = []

        mutating func add(_ value: QueryValue) -> String {
            values.append(value)
            return "?"
        }

        mutating func add(_ address: IPAddress) -> (family: String, bytes: String) {
            (add(.integer(Int64(address.family.rawValue))), add(.blob(address.bytes)))
        }
    }

    /// The SELECT for a read statement.
    public func compile(_ read: BoundRead) -> CompiledQuery {
        var arguments = Arguments()
        let entity = read.entity
        var selects: [String] = []
        var columns: [OutputColumn] = []
        var grouped = false
        switch read.output {
        case .fields(let fields):
            for field in fields {
                selects.append(field.expression)
                columns.append(OutputColumn(name: field.name, type: field.type))
            }
        case .count(let group):
            if let group {
                selects.append(group.expression)
                columns.append(OutputColumn(name: group.name, type: group.type, nullLabel: "(none)"))
                grouped = true
            }
            selects.append("count(*)")
            columns.append(OutputColumn(name: "count", type: .int))
        case .sum(let field, let group):
            if let group {
                selects.append(group.expression)
                columns.append(OutputColumn(name: group.name, type: group.type, nullLabel: "(none)"))
                grouped = true
            }
            selects.append("coalesce(sum(\(field.expression)), 0)")
            columns.append(OutputColumn(name: field.name, type: field.type))
        }
        var sql = "SELECT " + selects.enumerated().map { "\($0.element) AS c\($0.offset)" }.joined(separator: ", ")
        sql += " FROM " + entity.from
        var conditions: [String] = []
        if let condition = entity.condition { conditions.append(condition) }
        if let owner = read.owner {
            let alternatives = entity.relations.map { relation -> String in
                for _ in 0..<relation.condition.count(of: "?") { _ = arguments.add(.text(owner)) }
                return relation.condition
            }
            conditions.append("(" + alternatives.joined(separator: " OR ") + ")")
        }
        if let filter = read.filter { conditions.append(condition(filter, &arguments)) }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        if grouped { sql += " GROUP BY 1" }
        var order: [String] = []
        for key in read.sort {
            let direction = key.descending ? " DESC" : ""
            switch key.target {
            case .column(let index): order.append("\(index)\(direction)")
            case .field(let field): order += sortExpressions(field).map { $0 + direction }
            }
        }
        if order.isEmpty {
            if grouped || columns.count == 1 && !isFieldList(read.output) {
                order = grouped ? ["1"] : []
            } else {
                order = entity.defaultSort.flatMap { sortExpressions(entity.field($0)!) }
            }
        }
        if !order.isEmpty { sql += " ORDER BY " + order.joined(separator: ", ") }
        if let limit = read.limit { sql += " LIMIT " + arguments.add(.integer(Int64(limit))) }
        return CompiledQuery(sql: sql, arguments: arguments.values, columns: columns)
    }

    private func isFieldList(_ output: BoundOutput) -> Bool {
        if case .fields = output { return true }
        return false
    }

    private func sortExpressions(_ field: Field) -> [String] {
        if case .columns(let family, let address) = field.addressSource { return [family, address] }
        return [field.expression]
    }

    /// The SQL of `condition`, appending its values to `arguments`.
    func condition(_ condition: BoundCondition, _ arguments: inout Arguments) -> String {
        if let list = listCondition(condition, &arguments) { return list }
        switch condition {
        case .all(let parts): return SQLCompiler.chain(parts.map { self.condition($0, &arguments) }, "AND")
        case .any(let parts): return SQLCompiler.chain(parts.map { self.condition($0, &arguments) }, "OR")
        // Every condition's SQL is a primary (parenthesized, EXISTS (...) or 0), so one pair of
        // parentheses per `not` is enough.
        case .not(let a): return "(\(self.condition(a, &arguments)) IS NOT 1)"
        case .truth(let field): return "(\(field.expression) = 1)"
        case .isNull(let field, let negated): return "(\(field.expression) IS \(negated ? "NOT " : "")NULL)"
        case .match(let field, let kind, let pattern, let negated):
            let test = kind == .glob
                ? "\(field.expression) GLOB \(arguments.add(.text(pattern)))"
                : "regexp(\(arguments.add(.text(pattern))), \(field.expression))"
            return negated ? "((\(test)) IS NOT 1)" : "(\(test))"
        case .compare(let field, let op, let value):
            if field.type == .address, case .address(let address) = value {
                let test = addressTest(field) { family, bytes, arguments in
                    let (f, b) = arguments.add(address)
                    return "\(family) = \(f) AND \(bytes) \(op == .notEqual ? "=" : op.rawValue) \(b)"
                }
                return op == .notEqual ? "((\(test(&arguments))) IS NOT 1)" : test(&arguments)
            }
            let placeholder = arguments.add(queryValue(value, field))
            let collate = field.type == .text ? " COLLATE NOCASE" : ""
            switch op {
            case .notEqual: return "(\(field.expression) IS NOT \(placeholder)\(collate))"
            default: return "(\(field.expression) \(op.rawValue) \(placeholder)\(collate))"
            }
        case .member(let field, let values, let negated):
            let test: String
            if field.type == .address {
                test = addressTest(field) { family, bytes, arguments in
                    values.map { value -> String in
                        switch value {
                        case .address(let address):
                            let (f, b) = arguments.add(address)
                            return "(\(family) = \(f) AND \(bytes) = \(b))"
                        case .network(let network):
                            let f = arguments.add(.integer(Int64(network.family.rawValue)))
                            let first = arguments.add(.blob(network.first.bytes))
                            let last = arguments.add(.blob(network.last.bytes))
                            return "(\(family) = \(f) AND \(bytes) BETWEEN \(first) AND \(last))"
                        case .addressSet(let name):
                            let range = arguments.add(.text(name))
                            let prefix = arguments.add(.text(name))
                            return "(EXISTS (SELECT 1 FROM ranges xr WHERE xr.name = \(range) AND xr.family = \(family) AND \(bytes) BETWEEN xr.first AND xr.last)"
                                + " OR EXISTS (SELECT 1 FROM prefixes xp WHERE xp.name = \(prefix) AND xp.family = \(family) AND \(bytes) BETWEEN xp.network AND xp.last))"
                        default:
                            return "0"
                        }
                    }.joined(separator: " OR ")
                }(&arguments)
            } else {
                let placeholders = values.map { arguments.add(queryValue($0, field)) }.joined(separator: ", ")
                let collate = field.type == .text ? " COLLATE NOCASE" : ""
                test = "(\(field.expression)\(collate) IN (\(placeholders)))"
            }
            return negated ? "((\(test)) IS NOT 1)" : test
        }
    }

    /// How many terms of a chain stand side by side in the SQL before they are grouped.
    static let chainWidth = 8

    /// `parts` joined by `op` in nested groups of at most `chainWidth`: a flat chain of n terms
    /// would be an SQLite expression n deep (its limit is 1,000), one pair of parentheses per
    /// term would overflow SQLite's parser stack (about 100); groups keep both near log(n).
    static func chain(_ parts: [String], _ op: String) -> String {
        let separator = " \(op) "
        var level = parts
        while level.count > chainWidth {
            level = stride(from: 0, to: level.count, by: chainWidth).map { start in
                "(" + level[start..<min(start + chainWidth, level.count)].joined(separator: separator) + ")"
            }
        }
        return "(" + level.joined(separator: separator) + ")"
    }

    /// The SQL of a test on a list field, asked of its elements: `=`, `<`, `in`, `~`, `=~`
    /// hold when some element passes; `!=`, `not in`, `!~` when none equals or matches;
    /// `is null` when the list is empty. Nil for any other condition.
    private func listCondition(_ condition: BoundCondition, _ arguments: inout Arguments) -> String? {
        func some(_ field: Field, _ test: (String) -> String) -> String? {
            guard let elements = field.elements else { return nil }
            return "EXISTS (SELECT 1 FROM \(elements.from) AND \(test(elements.value)))"
        }
        switch condition {
        case .isNull(let field, let negated):
            guard let test = some(field, { _ in "1" }) else { return nil }
            return negated ? "(\(test))" : "(NOT \(test))"
        case .compare(let field, let op, let value):
            guard field.isList else { return nil }
            let placeholder = arguments.add(queryValue(value, field))
            let test = some(field) { "\($0) \(op == .notEqual ? "=" : op.rawValue) \(placeholder) COLLATE NOCASE" }!
            return op == .notEqual ? "(NOT \(test))" : "(\(test))"
        case .member(let field, let values, let negated):
            guard field.isList else { return nil }
            let placeholders = values.map { arguments.add(queryValue($0, field)) }.joined(separator: ", ")
            let test = some(field) { "\($0) COLLATE NOCASE IN (\(placeholders))" }!
            return negated ? "(NOT \(test))" : "(\(test))"
        case .match(let field, let kind, let pattern, let negated):
            guard field.isList else { return nil }
            let placeholder = arguments.add(.text(pattern))
            let test = some(field) { kind == .glob ? "\($0) GLOB \(placeholder)" : "regexp(\(placeholder), \($0))" }!
            return negated ? "(NOT \(test))" : "(\(test))"
        default:
            return nil
        }
    }

    /// Wraps a test over (family, bytes) SQL for an address field: direct for its own
    /// columns, `EXISTS` over the addresses it holds otherwise.
    private func addressTest(_ field: Field, _ body: @escaping (String, String, inout Arguments) -> String) -> (inout Arguments) -> String {
        { arguments in
            switch field.addressSource {
            case .columns(let family, let address)?:
                return "(" + body(family, address, &arguments) + ")"
            case .held(let source)?:
                return "EXISTS (SELECT 1 FROM \(source) AND (" + body("a.family", "a.address", &arguments) + "))"
            case nil:
                return "0"
            }
        }
    }

    /// The SQL form of a bound value of `field`.
    func queryValue(_ value: BoundValue, _ field: Field) -> QueryValue {
        switch value {
        case .null: return .null
        case .text(let text), .addressSet(let text): return .text(text)
        case .int(let number): return .integer(number)
        case .number(let number): return .real(number)
        case .bool(let flag): return .integer(flag ? 1 : 0)
        case .address(let address): return .text(SQLCompiler.addressKey(address))
        case .network(let network): return .text(SQLCompiler.addressKey(network.network) + "/\(network.length)")
        }
    }

    /// An address as the catalog's address expressions print it: `family,HEX`.
    static func addressKey(_ address: IPAddress) -> String {
        let hex = address.bytes.map { byte -> String in
            let text = String(byte, radix: 16, uppercase: true)
            return byte < 16 ? "0" + text : text
        }.joined()
        return "\(address.family.rawValue),\(hex)"
    }

    private func lookup(_ entity: Entity, _ key: BoundValue) -> CompiledQuery {
        var arguments = Arguments()
        let keyField = entity.field(entity.keyField)!
        var sql = "SELECT t.id AS c0 FROM \(entity.from) WHERE "
        if let condition = entity.condition { sql += condition + " AND " }
        sql += condition(.compare(keyField, .equal, key), &arguments)
        return CompiledQuery(sql: sql, arguments: arguments.values, columns: [OutputColumn(name: "id", type: .int)])
    }

    /// The lookup and UPDATE for `set`.
    public func compileSet(_ entity: Entity, key: BoundValue, _ assignments: [(Field, BoundValue)]) -> CompiledUpdate {
        let sets = assignments.map { "\($0.0.column!) = ?" }.joined(separator: ", ")
        return CompiledUpdate(lookup: lookup(entity, key), sql: "UPDATE \(entity.table!) SET \(sets) WHERE id = ?",
                              values: assignments.map { queryValue($0.1, $0.0) })
    }

    /// The INSERT for `add`: the name, then each given field, then the entity's defaults
    /// for columns no field gave. Returns the SQL and its values.
    public func compileAdd(_ entity: Entity, name: String, _ assignments: [(Field, BoundValue)]) -> (sql: String, arguments: [QueryValue]) {
        var columns = ["name"], values = ["?"]
        var arguments: [QueryValue] = [.text(name)]
        for (field, value) in assignments {
            columns.append(field.insert!.column)
            values.append(field.insert!.value)
            arguments.append(queryValue(value, field))
        }
        for (column, literal) in (entity.insertion?.defaults ?? [:]).sorted(by: { $0.key < $1.key }) where !columns.contains(column) {
            columns.append(column)
            values.append(literal)
        }
        return ("INSERT INTO \(entity.table!) (\(columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))", arguments)
    }

    /// The lookup, dependants and DELETE steps for `delete`.
    public func compileDelete(_ entity: Entity, key: BoundValue) -> CompiledDelete {
        let deletion = entity.deletion!
        return CompiledDelete(lookup: lookup(entity, key),
                              dependants: deletion.dependants.map { CompiledDelete.Dependant(label: $0.label, sql: $0.sql) },
                              steps: deletion.steps)
    }

    /// SQL listing the names of a name source, sorted; nil for an unknown source.
    public func namesSQL(_ source: String) -> String? {
        catalog.nameSources[source].map { "SELECT name FROM (\($0)) ORDER BY name COLLATE NOCASE" }
    }

    /// SQL answering whether a name source has `?` (case-insensitive); nil for an unknown source.
    public func containsSQL(_ source: String) -> String? {
        catalog.nameSources[source].map { "SELECT 1 FROM (\($0)) WHERE name = ? COLLATE NOCASE LIMIT 1" }
    }
}

extension String {
    func count(of character: Character) -> Int {
        reduce(0) { $1 == character ? $0 + 1 : $0 }
    }
}
