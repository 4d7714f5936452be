/// A word of the statement as written: a name or a value, with where it stands.
public struct Word: Hashable, Sendable {
    /// The text (for quoted strings, without quotes).
    public let text: String
    /// Whether it was written in quotes (then never a keyword, number or address).
    public let isQuoted: Bool
    /// Where it stands.
    public let range: SourceRange

    /// A word from `token`.
    public init(_ token: Token) {
        text = token.text
        isQuoted = token.kind == .string
        range = token.range
    }

    /// A word with `text` standing at `range`.
    public init(text: String, isQuoted: Bool, range: SourceRange) {
        self.text = text
        self.isQuoted = isQuoted
        self.range = range
    }
}

/// A comparison operator.
public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// How a pattern matches text.
public enum MatchKind: String, Hashable, Sendable {
    /// Shell glob: `*`, `?`, `[abc]` (SQLite GLOB, case-sensitive).
    case glob = "~"
    /// Regular expression (the executor registers `regexp`).
    case regex = "=~"
}

/// A filter condition as written.
///
/// A chain of `and` (or of `or`) is one flat list, however long, so that walking a
/// condition recurses only as deep as its parentheses and `not`s nest.
public indirect enum Condition: Hashable, Sendable {
    /// `a and b and ...`: two or more conditions that must all hold.
    case all([Condition])
    /// `a or b or ...`: two or more conditions of which one must hold.
    case any([Condition])
    case not(Condition)
    /// `field OP value`
    case compare(field: Word, op: ComparisonOperator, value: Word)
    /// `field [not] in (v, ...)` or `field [not] in NAME|CIDR`
    case isIn(field: Word, values: [Word], negated: Bool)
    /// `field is [not] null`
    case isNull(field: Word, negated: Bool)
    /// `field ~ 'glob'`, `field =~ 'regex'`, `field !~ 'glob'`
    case match(field: Word, kind: MatchKind, pattern: Word, negated: Bool)
    /// A bare boolean field: `pools where thin`.
    case truth(field: Word)
}

/// A sort key as written.
public struct SortKey: Hashable, Sendable {
    /// The field (or `count`).
    public let field: Word
    /// Whether the order is descending.
    public let descending: Bool
}

/// What a read statement returns.
public enum Projection: Hashable, Sendable {
    /// The entity's default columns.
    case standard
    /// `select a, b, c`
    case fields([Word])
    /// `count [by field]`
    case count(by: Word?)
    /// `sum field [by field]`
    case sum(Word, by: Word?)
}

/// `ENTITY [of NAME] [where ...] [select ... | count ... | sum ...] [sort by ...] [limit N]`
public struct ReadStatement: Hashable, Sendable {
    /// The entity, e.g. `vms`.
    public var entity: Word
    /// `of NAME`: a related object (host, cluster, range, ...).
    public var owner: Word?
    /// `where ...`
    public var filter: Condition?
    /// What to return.
    public var projection: Projection = .standard
    /// `sort by ...`
    public var sort: [SortKey] = []
    /// `limit N`
    public var limit: Word?
}

/// A statement as written.
public enum Statement: Hashable, Sendable {
    /// A query.
    case read(ReadStatement)
    /// `allocate RANGE|ADDRESS to NAME [dns FQDN] [new service [cluster C] [description D]]`
    case allocate(target: Word, holder: Word, dns: Word?, newService: NewServiceClause?)
    /// `release ADDRESS`
    case release(address: Word)
    /// `set ENTITY NAME field = value [, field = value]`
    case set(entity: Word, object: Word, assignments: [Assignment])
    /// `delete ENTITY NAME [field = value, ...]` (the fields pick one of several records of a name)
    case delete(entity: Word, object: Word, filters: [Assignment])
    /// `add ENTITY NAME [field = value, ...]`
    case add(entity: Word, object: Word, assignments: [Assignment])
}

/// `field = value` in a `set` statement.
public struct Assignment: Hashable, Sendable {
    /// The field.
    public let field: Word
    /// The new value (`null` clears it).
    public let value: Word
}

/// `new service [cluster C] [description D]` after `allocate ... to NAME`: create NAME as a service.
public struct NewServiceClause: Hashable, Sendable {
    /// The `new` keyword, where diagnostics about the clause point.
    public let keyword: Word
    /// The cluster the service joins.
    public var cluster: Word?
    /// What the service is.
    public var description: Word?
}
