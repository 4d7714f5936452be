/// One line of an import plan.
public struct PlannedChange: Sendable, Hashable, CustomStringConvertible {
    /// What happens to the object.
    public enum Action: String, Sendable, Hashable { case create, update, delete }

    /// Create, update or delete.
    public let action: Action
    /// The object.
    public let object: ObjectRef
    /// For updates, each changed field as (name, old, new); for creates, the fields set.
    public let fields: [FieldChange]

    /// One changed field.
    public struct FieldChange: Sendable, Hashable {
        public let name: String
        public let old: String
        public let new: String
    }

    public var description: String {
        let symbol = ["create": "+", "update": "~", "delete": "-"][action.rawValue]!
        var line = "\(symbol) \(action.rawValue) \(object.kind) \(object.key)"
        if action == .update {
            line += ": " + fields.map { "\($0.name) \($0.old.isEmpty ? "(none)" : $0.old) → \($0.new.isEmpty ? "(none)" : $0.new)" }.joined(separator: ", ")
        }
        return line
    }
}

/// What importing a lab file would change: the typed changes per kind of object, and
/// a flat, deterministically ordered list for people.
public struct ImportPlan: Sendable {
    struct Changes<T: LabObject>: Sendable {
        var creates = PickedItems<T>()
        var updates: [(old: T, new: T)] = []
        var deletes = PickedItems<T>()

        init(from current: [T], to desired: [T]) {
            // Within one kind an object's identity is its lower-cased key (`ref.id` without
            // the kind): short keys stay inline strings, which spares a large plan an
            // allocation per object on each side. Objects are found by position and the
            // creates and deletes name positions, so a plan holds no second copy of a lab.
            func identity(_ item: T) -> String { item.ref.key.lowercased() }
            let currentIDs = current.map(identity)
            var currentByID: [String: Int] = [:]
            currentByID.reserveCapacity(current.count)
            for (position, id) in currentIDs.enumerated() where currentByID[id] == nil {
                currentByID[id] = position
            }
            var desiredIDs: Set<String> = []
            desiredIDs.reserveCapacity(desired.count)
            var created: [Int] = []
            for (position, item) in desired.enumerated() {
                let id = identity(item)
                desiredIDs.insert(id)
                if let old = currentByID[id].map({ current[$0] }) {
                    if old != item { updates.append((old, item)) }
                } else {
                    created.append(position)
                }
            }
            creates = PickedItems(desired, positions: created)
            deletes = PickedItems(current, positions: currentIDs.indices.filter { !desiredIDs.contains(currentIDs[$0]) })
        }

        /// How many objects are created, updated and deleted (without building the lines).
        var counts: (creates: Int, updates: Int, deletes: Int) { (creates.count, updates.count, deletes.count) }

        /// The creates and updates (`deletes: false`) or the deletes, one at a time; creates
        /// list the fields they set only when `createFields` is true.
        func forEach(deletes: Bool, createFields: Bool, _ body: (PlannedChange) throws -> Void) rethrows {
            guard !deletes else {
                for item in self.deletes { try body(PlannedChange(action: .delete, object: item.ref, fields: [])) }
                return
            }
            for item in creates {
                let fields = createFields ? item.fields.filter { !$0.1.isEmpty }.map { PlannedChange.FieldChange(name: $0.0, old: "", new: $0.1) } : []
                try body(PlannedChange(action: .create, object: item.ref, fields: fields))
            }
            for pair in updates {
                let changed = zip(pair.old.fields, pair.new.fields).filter { $0.0.1 != $0.1.1 }
                try body(PlannedChange(action: .update, object: pair.new.ref, fields: changed.map { .init(name: $0.0.0, old: $0.0.1, new: $0.1.1) }))
            }
        }
    }

    var prefixes: Changes<Prefix>
    var ranges: Changes<AddressRange>
    var machines: Changes<Machine>
    var pools: Changes<Pool>
    var disks: Changes<Disk>
    var clusters: Changes<Cluster>
    var nodes: Changes<ClusterNode>
    var services: Changes<Service>
    var allocations: Changes<Allocation>
    var zones: Changes<Zone>
    var records: Changes<Record>
    var dnsTargets: Changes<DNSTarget>
    var groups: Changes<InventoryGroup>

    /// The plan that turns `current` into `desired`.
    public init(from current: Lab, to desired: Lab) {
        prefixes = Changes(from: current.prefixes, to: desired.prefixes)
        ranges = Changes(from: current.ranges, to: desired.ranges)
        machines = Changes(from: current.machines, to: desired.machines)
        pools = Changes(from: current.pools, to: desired.pools)
        disks = Changes(from: current.disks, to: desired.disks)
        clusters = Changes(from: current.clusters, to: desired.clusters)
        nodes = Changes(from: current.nodes, to: desired.nodes)
        services = Changes(from: current.services, to: desired.services)
        allocations = Changes(from: current.allocations, to: desired.allocations)
        zones = Changes(from: current.zones, to: desired.zones)
        records = Changes(from: current.records, to: desired.records)
        dnsTargets = Changes(from: current.dnsTargets, to: desired.dnsTargets)
        groups = Changes(from: current.groups, to: desired.groups)
    }

    /// Every change, in the order they are applied: creates and updates from the bottom
    /// of the dependency order up, then deletes from the top down.
    public var changes: [PlannedChange] {
        var all: [PlannedChange] = []
        let total = counts
        all.reserveCapacity(total.creates + total.updates + total.deletes)
        forEachChange { all.append($0) }
        return all
    }

    /// Calls `body` with every change in the order of `changes`, building one at a time: a
    /// large import's plan is printed without holding every line (and every field) at once.
    /// With `createFields: false`, creates come without their fields (their printed line
    /// does not show them).
    public func forEachChange(createFields: Bool = true, _ body: (PlannedChange) throws -> Void) rethrows {
        try prefixes.forEach(deletes: false, createFields: createFields, body)
        try ranges.forEach(deletes: false, createFields: createFields, body)
        try machines.forEach(deletes: false, createFields: createFields, body)
        try pools.forEach(deletes: false, createFields: createFields, body)
        try disks.forEach(deletes: false, createFields: createFields, body)
        try clusters.forEach(deletes: false, createFields: createFields, body)
        try services.forEach(deletes: false, createFields: createFields, body)
        try nodes.forEach(deletes: false, createFields: createFields, body)
        try allocations.forEach(deletes: false, createFields: createFields, body)
        try zones.forEach(deletes: false, createFields: createFields, body)
        try records.forEach(deletes: false, createFields: createFields, body)
        try dnsTargets.forEach(deletes: false, createFields: createFields, body)
        try groups.forEach(deletes: false, createFields: createFields, body)
        try groups.forEach(deletes: true, createFields: createFields, body)
        try dnsTargets.forEach(deletes: true, createFields: createFields, body)
        try records.forEach(deletes: true, createFields: createFields, body)
        try zones.forEach(deletes: true, createFields: createFields, body)
        try allocations.forEach(deletes: true, createFields: createFields, body)
        try nodes.forEach(deletes: true, createFields: createFields, body)
        try services.forEach(deletes: true, createFields: createFields, body)
        try clusters.forEach(deletes: true, createFields: createFields, body)
        try disks.forEach(deletes: true, createFields: createFields, body)
        try pools.forEach(deletes: true, createFields: createFields, body)
        try machines.forEach(deletes: true, createFields: createFields, body)
        try ranges.forEach(deletes: true, createFields: createFields, body)
        try prefixes.forEach(deletes: true, createFields: createFields, body)
    }

    /// The creates, updates and deletes of every kind, counted without building the lines
    /// of `changes` (which describe every field: a large import's plan is checked and
    /// summarised several times).
    private var counts: (creates: Int, updates: Int, deletes: Int) {
        let all = [prefixes.counts, ranges.counts, machines.counts, pools.counts, disks.counts, clusters.counts, services.counts,
                   nodes.counts, allocations.counts, zones.counts, records.counts, dnsTargets.counts, groups.counts]
        return all.reduce((0, 0, 0)) { ($0.0 + $1.creates, $0.1 + $1.updates, $0.2 + $1.deletes) }
    }

    /// Whether applying would change nothing.
    public var isEmpty: Bool {
        let total = counts
        return total.creates + total.updates + total.deletes == 0
    }

    /// `N to create, N to update, N to delete`.
    public var summary: String {
        if isEmpty { return "No changes: the database already matches." }
        let total = counts
        return "Plan: \(total.creates) to create, \(total.updates) to update, \(total.deletes) to delete."
    }
}
