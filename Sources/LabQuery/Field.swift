/// One field of an entity in the catalog: its name, type and how SQL reaches it.
public struct Field: Hashable, Sendable {
    public static func == (lhs: Field, rhs: Field) -> Bool {
        lhs.name == rhs.name && lhs.expression == rhs.expression && lhs.type == rhs.type
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(expression)
    }

    /// The name a statement uses, e.g. `ram`.
    public let name: String
    /// The type, which decides the accepted values.
    public let type: FieldType
    /// One line for `.schema`.
    public let summary: String
    /// The SQL expression (over the entity's table aliases) that yields the value.
    /// Addresses and CIDRs yield `family,HEX[/length]` text for the executor to decode.
    let expression: String
    /// For addresses: where the family and bytes live, for exact tests.
    let addressSource: AddressSource?
    /// The table column `set` writes, when the field is writable.
    let column: String?
    /// The name sources (e.g. `hosts`) whose names this field holds: for "did you mean".
    public let references: [String]

    /// The column `add` writes (the `set` column unless given), and the SQL of its value
    /// with one `?` (a subquery for references, e.g. a VM's host).
    let insert: (column: String, value: String)?

    /// The only values the field takes, when it is an enumeration (e.g. a range's purpose).
    public let choices: [String]

    /// For a field that shows a list (a machine's tags, clusters, roles) as comma-joined
    /// text: where its elements are, so that tests ask about any element (`tags = k8s`
    /// means "has the tag k8s") rather than the joined text.
    let elements: ElementSource?

    /// Whether tests on the field ask about each element of a list.
    public var isList: Bool { elements != nil }

    init(_ name: String, _ type: FieldType, _ expression: String, _ summary: String,
         address: AddressSource? = nil, column: String? = nil, references: [String] = [], choices: [String] = [],
         insert: (column: String, value: String)? = nil, elements: ElementSource? = nil) {
        self.elements = elements
        self.choices = choices
        self.insert = insert ?? column.map { ($0, "?") }
        self.name = name
        self.type = type
        self.expression = expression
        self.summary = summary
        self.addressSource = address
        self.column = column
        self.references = references
    }

    /// Whether `add` can give this field.
    public var isInsertable: Bool { insert != nil }

    /// Whether `set` can change this field.
    public var isWritable: Bool { column != nil }
}

/// Where the elements of a list field are: `FROM` text ending in a `WHERE` over the
/// entity's row (aliases of its own), and the SQL of one element.
struct ElementSource: Hashable, Sendable {
    let from: String
    let value: String
}

/// Where an address field's family and 16-byte value are, for tests against bound values.
enum AddressSource: Hashable, Sendable {
    /// Columns of the entity's own row.
    case columns(family: String, address: String)
    /// Any of the addresses held by the row: `FROM addresses a WHERE ...` (aliases `a`).
    case held(String)
}
