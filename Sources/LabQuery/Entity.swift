/// One entity of the catalog (hosts, vms, ...): its table, fields and relations.
public struct Entity: Hashable, Sendable {
    /// The plural name a statement uses, e.g. `vms`.
    public let name: String
    /// The singular, for messages: `vm`.
    public let singular: String
    /// One line for `.entities`.
    public let summary: String
    /// The FROM clause, with the entity's row aliased `t`.
    let from: String
    /// A condition every row satisfies (e.g. the machine kinds), or nil.
    let condition: String?
    /// The fields, in `.schema` order.
    public let fields: [Field]
    /// The columns shown when the statement has no `select`.
    public let defaultColumns: [String]
    /// The default order of rows.
    let defaultSort: [String]
    /// The field that names one object, for `set` and `delete` (e.g. `name`, or `ip`).
    public let keyField: String
    /// Where `of NAME` looks; each condition binds NAME once per `?`.
    let relations: [Relation]
    /// The table `set` and `delete` change, with the row id as `t.id`; nil when read-only.
    let table: String?
    /// What refuses or accompanies deletion; nil when `delete` is not offered.
    let deletion: Deletion?
    /// How `add` inserts a row; nil when `add` is not offered.
    let insertion: Insertion?
    /// Whether `add` goes through the lab's declarative importer (whole-lab validation,
    /// e.g. for DNS records and ranges) rather than a single INSERT.
    public var addsThroughLab = false
    /// Whether `delete` goes through the importer (and may pick one of several objects of
    /// a name with `field = value` filters).
    public var deletesThroughLab = false

    /// The field called `name` (case-insensitive).
    public func field(_ name: String) -> Field? {
        let lowered = name.lowercased()
        return fields.first { $0.name == lowered }
    }

    /// Whether `add` is offered for this entity.
    public var isAddable: Bool { insertion != nil }

    /// Whether `delete` is offered for this entity.
    public var isDeletable: Bool { deletion != nil || deletesThroughLab }

    /// The names of the name sources `of NAME` accepts (e.g. hosts, clusters).
    public var ownerSources: [String] { relations.map(\.source) }
}

/// `ENTITY of NAME`: how rows relate to a named object of `source`.
struct Relation: Hashable, Sendable {
    /// The name source (an entity, or `services`).
    let source: String
    /// A condition with `?` for the name.
    let condition: String
}

/// How `add` inserts: fixed column values (overridden by a given field with the same
/// column) and the fields that must be given.
struct Insertion: Hashable, Sendable {
    /// Column → SQL literal, e.g. `kind` → `'vm'`.
    let defaults: [String: String]
    /// Fields `add` requires, e.g. a VM's host.
    let required: [String]
    /// The longest name allowed.
    let maximumNameLength: Int
}

/// How an object is deleted: dependants that refuse it, then the steps that remove it.
struct Deletion: Hashable, Sendable {
    /// Each: a label (e.g. "vms") and SQL listing dependants' names, `?` bound to the id.
    let dependants: [(label: String, sql: String)]
    /// DELETE statements in order, each `?` bound to the id.
    let steps: [String]

    static func == (lhs: Deletion, rhs: Deletion) -> Bool {
        lhs.steps == rhs.steps && lhs.dependants.map(\.label) == rhs.dependants.map(\.label)
            && lhs.dependants.map(\.sql) == rhs.dependants.map(\.sql)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(steps)
        for dependant in dependants { hasher.combine(dependant.label); hasher.combine(dependant.sql) }
    }
}
