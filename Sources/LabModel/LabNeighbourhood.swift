import LabStore

/// Gathers a part of the lab from the database, each object once, and closes it under
/// references (see ``Lab/neighbourhood(ofRange:first:last:prefix:in:)``).
struct LabNeighbourhood {
    private let db: Database
    private var lab = Lab()
    private var seen: Set<String> = []

    init(_ database: Database) { db = database }

    mutating func add(_ items: [Prefix]) { for item in items where seen.insert(item.ref.id).inserted { lab.prefixes.append(item) } }
    mutating func add(_ items: [AddressRange]) { for item in items where seen.insert(item.ref.id).inserted { lab.ranges.append(item) } }
    mutating func add(_ items: [Machine]) { for item in items where seen.insert(item.ref.id).inserted { lab.machines.append(item) } }
    mutating func add(_ items: [Pool]) { for item in items where seen.insert(item.ref.id).inserted { lab.pools.append(item) } }
    mutating func add(_ items: [Cluster]) { for item in items where seen.insert(item.ref.id).inserted { lab.clusters.append(item) } }
    mutating func add(_ items: [Service]) { for item in items where seen.insert(item.ref.id).inserted { lab.services.append(item) } }
    mutating func add(_ items: [Allocation]) { for item in items where seen.insert(item.ref.id).inserted { lab.allocations.append(item) } }

    /// The part with everything its objects refer to, normalized.
    mutating func closed() throws -> Lab {
        // Holders first: each brings all its addresses, whose prefixes and ranges follow.
        let machineHolders = Set(lab.allocations.compactMap { if case .machine(let name) = $0.holder { name.lowercased() } else { nil } })
        for name in machineHolders.sorted() {
            try add(Lab.loadMachines(db, details: true, where: "m.name = ?", [.text(name)]))
            try add(Lab.loadAllocations(db, where: "a.machine_id = (SELECT id FROM machines WHERE name = ?)", [.text(name)]))
        }
        let serviceHolders = Set(lab.allocations.compactMap { if case .service(let name) = $0.holder { name.lowercased() } else { nil } })
        for name in serviceHolders.sorted() {
            try add(Lab.loadServices(db, where: "s.name = ?", [.text(name)]))
            try add(Lab.loadAllocations(db, where: "a.service_id = (SELECT id FROM services WHERE name = ?)", [.text(name)]))
        }
        for range in Set(lab.allocations.compactMap { $0.range?.lowercased() }).sorted() {
            try add(Lab.loadRanges(db, where: "r.name = ?", [.text(range)]))
        }
        let networks = Set(lab.allocations.map(\.prefix) + lab.ranges.map(\.prefix))
        for network in networks.sorted(by: { ($0.network, $0.length) < ($1.network, $1.length) }) {
            try add(Lab.loadPrefixes(db, where: "p.family = ? AND p.network = ? AND p.length = ?", network.sqlKey))
        }
        let hosts = Set(lab.machines.compactMap { $0.host?.lowercased() }).subtracting(lab.machines.map { $0.name.lowercased() })
        for host in hosts.sorted() { try add(Lab.loadMachines(db, details: true, where: "m.name = ?", [.text(host)])) }
        let clusters = Set(lab.ranges.flatMap { $0.clusters.map { $0.lowercased() } } + lab.services.compactMap { $0.cluster?.lowercased() })
        for cluster in clusters.sorted() { try add(Lab.loadClusters(db, where: "c.name = ?", [.text(cluster)])) }
        return lab.normalized()
    }
}
