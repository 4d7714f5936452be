import LabIP
/// Parses one statement of the query language into a `Statement` (grammar: docs/query-language.md).
public struct Parser {
    private let tokens: [Token]
    private var position = 0
    private var depth = 0
    private var values = 0

    /// The keywords that start a clause of a read statement.
    public static let clauseKeywords = ["of", "where", "select", "count", "sum", "sort", "limit"]
    /// The keywords that start a write statement.
    public static let writeKeywords = ["add", "allocate", "release", "set", "delete"]
    /// Every keyword, for completion.
    public static let keywords = clauseKeywords + writeKeywords
        + ["by", "and", "or", "not", "in", "is", "null", "asc", "desc", "true", "false", "to", "dns"]

    /// Deeper nesting (parentheses and `not`) than this is refused, so that no input can
    /// exhaust the stack here or SQLite's parser stack and expression depth later.
    static let maximumDepth = 64
    /// More tests and listed values in one condition than this are refused: each becomes
    /// one to three bound SQL parameters, and SQLite allows 32,766 per statement.
    public static let maximumConditionValues = 8_000

    /// A parser over `tokens` (which end with `.end`).
    public init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Lexes and parses `text` as one statement (a trailing `;` is allowed).
    public static func parse(_ text: String) throws(Diagnostic) -> Statement {
        var parser = Parser(tokens: try Lexer(text).tokens())
        return try parser.statement()
    }

    private var current: Token { tokens[position] }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func accept(keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        position += 1
        return true
    }

    private mutating func accept(symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        position += 1
        return true
    }

    private func failure(_ expected: String, hint: String? = nil) -> Diagnostic {
        Diagnostic("expected \(expected), found \(current.quoted)", at: current.range, hint: hint)
    }

    private var atEnd: Bool { current.kind == .end || current.isSymbol(";") }

    /// The whole statement, which must end at `;` or the end of the text.
    public mutating func statement() throws(Diagnostic) -> Statement {
        guard current.kind == .word else {
            throw failure("an entity (e.g. vms) or a command (allocate, release, set, delete)")
        }
        let statement: Statement
        switch current.text.lowercased() {
        case "allocate": statement = try allocate()
        case "release":
            _ = advance()
            statement = .release(address: try value("an address"))
        case "set": statement = try set()
        case "add": statement = try add()
        case "delete":
            _ = advance()
            let entity = try name("an entity")
            let object = try value("the name of the object to delete")
            let filters = atEnd ? [] : try assignments(example: "delete records www.example.com view = public")
            statement = .delete(entity: entity, object: object, filters: filters)
        default: statement = .read(try read())
        }
        _ = accept(symbol: ";")
        guard current.kind == .end else {
            throw failure(";", hint: "one statement at a time; did you forget a clause keyword?")
        }
        return statement
    }

    private mutating func allocate() throws(Diagnostic) -> Statement {
        _ = advance()
        let target = try value("a range name or an address")
        guard accept(keyword: "to") else { throw failure("'to'", hint: "e.g. allocate infra to gitlab") }
        let holder = try value("the host, VM or service to allocate to")
        var dns: Word?
        var newService: NewServiceClause?
        var cluster: Word?, description: Word?
        // `dns`, `new service`, `cluster` and `description` in any order, each once.
        while !atEnd {
            let keyword = current
            if dns == nil, accept(keyword: "dns") {
                dns = try value("a DNS name")
            } else if newService == nil, accept(keyword: "new-service") {
                newService = NewServiceClause(keyword: Word(keyword))
            } else if newService == nil, accept(keyword: "new") {
                guard accept(keyword: "service") else { throw failure("'service'", hint: "e.g. allocate metallb to grafana-lb new service cluster prod") }
                newService = NewServiceClause(keyword: Word(keyword))
            } else if cluster == nil, accept(keyword: "cluster") {
                cluster = try value("a cluster name")
            } else if description == nil, accept(keyword: "description") {
                description = try value("a description")
            } else {
                throw failure("dns, new service, cluster, description or ;", hint: "e.g. allocate metallb to grafana-lb new service cluster prod")
            }
        }
        if let given = cluster ?? description, newService == nil {
            throw Diagnostic("cluster and description describe a new service", at: given.range,
                             hint: "add 'new service', e.g. allocate metallb to grafana-lb new service cluster prod")
        }
        newService?.cluster = cluster
        newService?.description = description
        return .allocate(target: target, holder: holder, dns: dns, newService: newService)
    }

    private mutating func set() throws(Diagnostic) -> Statement {
        _ = advance()
        let entity = try name("an entity")
        let object = try value("the name of the object to change")
        return .set(entity: entity, object: object, assignments: try assignments(example: "set vms gitlab ram = 12G"))
    }

    /// `field = value {, field = value}`; `example` shows the statement when an '=' is missing.
    private mutating func assignments(example: String) throws(Diagnostic) -> [Assignment] {
        var assignments: [Assignment] = []
        repeat {
            let field = try name("a field")
            guard accept(symbol: "=") else { throw failure("'='", hint: "e.g. \(example)") }
            assignments.append(Assignment(field: field, value: try value("a value")))
        } while accept(symbol: ",")
        return assignments
    }

    private mutating func add() throws(Diagnostic) -> Statement {
        _ = advance()
        let entity = try name("an entity")
        let object = try value("the name of the new object")
        let assignments = atEnd ? [] : try assignments(example: "add vms web host = z440, cpus = 2, ram = 4G")
        return .add(entity: entity, object: object, assignments: assignments)
    }

    private mutating func read() throws(Diagnostic) -> ReadStatement {
        var query = ReadStatement(entity: try name("an entity"))
        var seen: Set<String> = []
        while !atEnd {
            let keyword = current
            guard keyword.kind == .word else {
                throw failure("a clause (\(Parser.clauseKeywords.joined(separator: ", ")))")
            }
            var clause = keyword.text.lowercased()
            if clause == "order" { clause = "sort" }
            guard Parser.clauseKeywords.contains(clause) else {
                throw failure("a clause (\(Parser.clauseKeywords.joined(separator: ", ")))",
                              hint: Suggestion.hint(for: keyword.text, in: Parser.clauseKeywords))
            }
            let group = ["select", "count", "sum"].contains(clause) ? "select" : clause
            guard seen.insert(group).inserted else {
                throw Diagnostic("'\(keyword.text)' may appear only once", at: keyword.range,
                                 hint: group == "select" ? "use one of select, count or sum" : nil)
            }
            _ = advance()
            switch clause {
            case "of": query.owner = try value("the name of a host, VM, cluster, range, prefix, pool, zone or service")
            case "where": query.filter = try disjunction()
            case "select": query.projection = .fields(try names("a field"))
            case "count": query.projection = .count(by: accept(keyword: "by") ? try name("a field to group by") : nil)
            case "sum":
                let field = try name("a field to sum")
                query.projection = .sum(field, by: accept(keyword: "by") ? try name("a field to group by") : nil)
            case "sort":
                guard accept(keyword: "by") else { throw failure("'by'", hint: "e.g. sort by ram desc") }
                var keys: [SortKey] = []
                repeat {
                    let field = try name("a field to sort by")
                    var descending = false
                    if accept(keyword: "desc") { descending = true } else { _ = accept(keyword: "asc") }
                    keys.append(SortKey(field: field, descending: descending))
                } while accept(symbol: ",")
                query.sort = keys
            default:
                query.limit = try value("a number of rows")
            }
        }
        return query
    }

    private mutating func names(_ what: String) throws(Diagnostic) -> [Word] {
        var result = [try name(what)]
        while accept(symbol: ",") { result.append(try name(what)) }
        return result
    }

    /// A bare word naming an entity or a field.
    private mutating func name(_ what: String) throws(Diagnostic) -> Word {
        guard current.kind == .word else { throw failure(what) }
        return Word(advance())
    }

    /// A value: a bare word or a quoted string.
    private mutating func value(_ what: String) throws(Diagnostic) -> Word {
        guard current.kind == .word || current.kind == .string else { throw failure(what) }
        return Word(advance())
    }

    private mutating func nested<T>(_ body: (inout Parser) throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        guard depth < Parser.maximumDepth else {
            throw Diagnostic("the condition nests too deeply", at: current.range, hint: "use at most \(Parser.maximumDepth) levels")
        }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    /// `a or b or ...` as one flat list (a loop, not a recursion per term).
    private mutating func disjunction() throws(Diagnostic) -> Condition {
        var terms = [try conjunction()]
        while accept(keyword: "or") { terms.append(try conjunction()) }
        return terms.count == 1 ? terms[0] : .any(terms)
    }

    /// `a and b and ...` as one flat list.
    private mutating func conjunction() throws(Diagnostic) -> Condition {
        var terms = [try unary()]
        while accept(keyword: "and") { terms.append(try unary()) }
        return terms.count == 1 ? terms[0] : .all(terms)
    }

    private mutating func unary() throws(Diagnostic) -> Condition {
        // `not not x` is `x` (a `not` counts an unknown as false, so two cancel exactly):
        // a run of them is one level of nesting at most.
        var negations = 0
        while accept(keyword: "not") { negations += 1 }
        if negations > 0 {
            let inner = try nested { (parser: inout Parser) throws(Diagnostic) in try parser.unary() }
            return negations % 2 == 1 ? .not(inner) : inner
        }
        if accept(symbol: "(") {
            let inner = try nested { (parser: inout Parser) throws(Diagnostic) in try parser.disjunction() }
            guard accept(symbol: ")") else { throw failure("')'") }
            return inner
        }
        return try predicate()
    }

    /// Counts one more test or listed value, refusing a condition with too many.
    private mutating func countValue() throws(Diagnostic) {
        values += 1
        guard values <= Parser.maximumConditionValues else {
            throw Diagnostic("the condition holds more than \(Parser.maximumConditionValues) tests and values", at: current.range,
                             hint: "split the statement, or name a range or prefix (ip in NAME) instead of listing addresses")
        }
    }

    private mutating func predicate() throws(Diagnostic) -> Condition {
        try countValue()
        let field = try name("a field")
        if current.kind == .symbol, let op = ComparisonOperator(rawValue: current.text) {
            _ = advance()
            return .compare(field: field, op: op, value: try value("a value"))
        }
        for (symbol, kind, negated) in [("~", MatchKind.glob, false), ("!~", .glob, true), ("=~", .regex, false)] where accept(symbol: symbol) {
            return .match(field: field, kind: kind, pattern: try value(kind == .glob ? "a glob pattern, e.g. 'edge-*'" : "a regular expression"), negated: negated)
        }
        if accept(keyword: "is") {
            let negated = accept(keyword: "not")
            guard accept(keyword: "null") else { throw failure("'null'", hint: "e.g. dns is null") }
            return .isNull(field: field, negated: negated)
        }
        let negated = accept(keyword: "not")
        if accept(keyword: "in") {
            if accept(symbol: "(") {
                var values = [try value("a value")]
                while accept(symbol: ",") {
                    try countValue()
                    values.append(try value("a value"))
                }
                guard accept(symbol: ")") else { throw failure("',' or ')'") }
                return .isIn(field: field, values: values, negated: negated)
            }
            return .isIn(field: field, values: [try value("a list, a CIDR or a range name")], negated: negated)
        }
        if negated { throw failure("'in'") }
        if atEnd || current.isKeyword("and") || current.isKeyword("or") || current.isSymbol(")")
            || Parser.clauseKeywords.contains(current.text.lowercased()) && current.kind == .word {
            return .truth(field: field)
        }
        throw failure("an operator (=, !=, <, <=, >, >=, ~, =~, in, is null)")
    }
}
