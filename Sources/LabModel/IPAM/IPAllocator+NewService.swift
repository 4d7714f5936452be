import LabIP
import LabStore

extension IPAllocator {
    /// The holder an allocation goes to: the existing machine or service named `text`, or, with
    /// `newService`, a service of that name created here (inside the caller's transaction).
    ///
    /// A new service may not take an existing machine's or service's name, and a name one typo
    /// away from an existing one is refused with "did you mean" (write `service:NAME` to create
    /// it anyway), so that a mistyped holder never becomes a stray service.
    func holder(named text: String, creating newService: NewService?) throws -> (holder: HolderRow, created: Bool) {
        guard let newService else { return (try holder(named: text), false) }
        var name = text
        var exactly = false
        let lowered = text.lowercased()
        if lowered.hasPrefix("machine:") { throw IPAMError.newServiceNamedMachine(name: String(text.dropFirst(8))) }
        if lowered.hasPrefix("service:") {
            name = String(text.dropFirst(8))
            exactly = true
        }
        guard NameRules.isValidName(name) else { throw IPAMError.invalidServiceName(name: name) }
        if let row = try db.first("""
            SELECT 'service' AS kind, name FROM services WHERE name = ?1
            UNION ALL SELECT 'machine', name FROM machines WHERE name = ?1
            """, [.text(name)]) {
            throw IPAMError.holderExists(name: row.string("name") ?? name, kind: row.string("kind") ?? "service")
        }
        if !exactly {
            let names = try db.query("SELECT name FROM machines UNION ALL SELECT name FROM services").compactMap { $0.string("name") }
            if let similar = Suggestion.closest(to: name, in: names) {
                throw IPAMError.newServiceLikeExisting(name: name, existing: similar)
            }
        }
        var clusterID: SQLValue = .null
        if let cluster = newService.cluster {
            guard let id = try db.scalar("SELECT id FROM clusters WHERE name = ?", [.text(cluster)])?.int else {
                let names = try db.query("SELECT name FROM clusters").compactMap { $0.string("name") }
                throw IPAMError.unknownCluster(name: cluster, suggestion: Suggestion.closest(to: cluster, in: names))
            }
            clusterID = .integer(id)
        }
        try db.execute("INSERT INTO services(name, cluster_id, description) VALUES (?, ?, ?)",
                       [.text(name), clusterID, newService.description.sqlValue])
        return (HolderRow(kind: .service, id: db.lastInsertRowID, name: name), true)
    }
}
