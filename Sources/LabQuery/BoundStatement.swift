import LabIP

/// A value checked against its field's type.
public enum BoundValue: Hashable, Sendable {
    case null
    case text(String)
    case int(Int64)
    case number(Double)
    case bool(Bool)
    case address(IPAddress)
    case network(IPNetwork)
    /// A range or prefix name, in `ip in NAME`.
    case addressSet(String)
}

/// A condition whose fields are resolved and whose values are typed.
public indirect enum BoundCondition: Hashable, Sendable {
    /// Every condition holds (a flat chain of `and`).
    case all([BoundCondition])
    /// Some condition holds (a flat chain of `or`).
    case any([BoundCondition])
    case not(BoundCondition)
    case compare(Field, ComparisonOperator, BoundValue)
    case member(Field, [BoundValue], negated: Bool)
    case isNull(Field, negated: Bool)
    case match(Field, MatchKind, String, negated: Bool)
    case truth(Field)
}

/// What a bound read returns.
public enum BoundOutput: Hashable, Sendable {
    case fields([Field])
    case count(by: Field?)
    case sum(Field, by: Field?)
}

/// A sort key: a field, or (in grouped reads) a result column by position.
public enum BoundSortTarget: Hashable, Sendable {
    case field(Field)
    case column(Int)
}

/// A read statement resolved against the catalog.
public struct BoundRead: Sendable {
    public let entity: Entity
    /// `of NAME`
    public let owner: String?
    public let filter: BoundCondition?
    public let output: BoundOutput
    public let sort: [(target: BoundSortTarget, descending: Bool)]
    public let limit: Int?
}

/// What `allocate` takes an address from.
public enum AllocationTarget: Hashable, Sendable {
    /// The next free address of the named range.
    case range(String)
    /// Exactly this address.
    case address(IPAddress)
}

/// The service an `allocate ... new service` creates: its cluster (checked to exist) and description.
public struct AllocationNewService: Hashable, Sendable {
    /// The cluster's name.
    public let cluster: String?
    /// What the service is.
    public let description: String?
}

/// A statement resolved against the catalog, ready to compile or to hand to the allocator.
public enum BoundStatement: Sendable {
    case read(BoundRead)
    /// `allocate`: with `newService`, the holder is a service to create.
    case allocate(AllocationTarget, holder: String, dns: String?, newService: AllocationNewService?)
    case release(IPAddress)
    /// `set`: the entity, the key value as typed, and the new values.
    case set(Entity, key: BoundValue, keyText: String, [(Field, BoundValue)])
    /// `filters` narrow a name to one object (records: type, value, view).
    case delete(Entity, key: BoundValue, keyText: String, filters: [(Field, BoundValue)])
    /// `add`: the entity, the new object's name, and its field values.
    case add(Entity, name: String, [(Field, BoundValue)])
}
