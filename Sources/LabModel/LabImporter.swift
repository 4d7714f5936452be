import LabIP
import LabStore

/// Applies lab files to a database: plans the difference and applies it in one transaction.
public struct LabImporter {
    let db: Database

    /// An importer writing to `database`.
    public init(database: Database) { self.db = database }

    /// The plan that would make the database match `desired`.
    public func plan(_ desired: Lab) throws -> ImportPlan {
        ImportPlan(from: try Lab(database: db), to: desired.normalized())
    }

    /// The plan for `file` and what it would undo of others' work, checked as `apply(_:force:)`
    /// checks it (rehearsed and rolled back); throws what `apply` would throw other than
    /// the review's refusal, which the caller shows. Writes nothing.
    public func rehearse(_ file: LabFile) throws -> (plan: ImportPlan, review: ImportReview) {
        struct Rehearsal: Error { let plan: ImportPlan; let review: ImportReview }
        do {
            try withStatementJournalsInMemory { try db.transaction(.immediate) {
                let plan = try self.plan(file.lab)
                let review = try ImportReview(plan: plan, revision: file.revision, database: db)
                try apply(plan)
                throw Rehearsal(plan: plan, review: review)
            } }
        } catch let rehearsal as Rehearsal {
            return (rehearsal.plan, rehearsal.review)
        }
        preconditionFailure("a rehearsal always ends by rolling back")
    }

    /// Plans and applies `file` in one immediate transaction, unless the plan would undo
    /// changes made after the file's revision (or, without one, delete allocations made
    /// outside lab files): then throws ``StaleImportError`` unless `force`.
    @discardableResult
    public func apply(_ file: LabFile, named name: String, force: Bool) throws -> ImportPlan {
        try withStatementJournalsInMemory { try db.transaction(.immediate) {
            let plan = try self.plan(file.lab)
            let review = try ImportReview(plan: plan, revision: file.revision, database: db)
            if review.needsForce && !force { throw StaleImportError(file: name, review: review) }
            try apply(plan)
            return plan
        } }
    }

    /// Plans and applies `desired` in one immediate transaction; returns the plan applied.
    /// On any error nothing is written.
    @discardableResult
    public func apply(_ desired: Lab) throws -> ImportPlan {
        try withStatementJournalsInMemory { try db.transaction(.immediate) {
            let plan = try self.plan(desired)
            try apply(plan)
            return plan
        } }
    }

    /// Runs `body` (which opens the import's transaction) with SQLite's temporary files in
    /// memory. Each statement of an import runs inside the import's transaction, so SQLite
    /// keeps a statement journal of the pages it changes; once one statement passes 64 KiB,
    /// that journal is a temporary file for the rest of the transaction, and the
    /// 10,000-machine lab made a million writes to it (1,082,048 writes in all, 20,754 with
    /// it in memory; sqlite3 loading the same data as a dump: 5,600). The journal holds one
    /// statement's pages at a time. The setting is read when a write transaction begins, so it is
    /// made before it (and, nested, harmlessly repeated); SQLite's default comes back after.
    private func withStatementJournalsInMemory<T>(_ body: () throws -> T) throws -> T {
        try? db.execute("PRAGMA temp_store = MEMORY")
        defer { try? db.execute("PRAGMA temp_store = DEFAULT") }
        return try body()
    }

    /// Applies `plan`, which must have been made against the current state, in one transaction.
    public func apply(_ plan: ImportPlan) throws {
        try apply(plan, checking: .everything)
    }

    /// Applies `plan` like ``apply(_:)-(ImportPlan)``, guarding only the objects in `scope`
    /// with the consistency rules: for a plan that touches nothing outside it.
    public func apply(_ plan: ImportPlan, checking scope: ConsistencyCheck.Scope) throws {
        guard !plan.isEmpty else { return }
        try withStatementJournalsInMemory {
            try db.transaction(.immediate) {
                try ConsistencyCheck.guarding(db, scope: scope) { try write(plan) }
            }
        }
    }

    private func write(_ plan: ImportPlan) throws {
        do {
            for p in plan.prefixes.creates { try insert(p) }
            for (old, new) in plan.prefixes.updates { try update(old, new) }
            for r in plan.ranges.creates { try insert(r) }
            for (old, new) in plan.ranges.updates { try update(old, new) }
            // Hosts before the guests placed on them.
            let machineCreates = plan.machines.creates.sorted { !$0.kind.isGuest && $1.kind.isGuest }
            try insert(machineCreates)
            for (old, new) in plan.machines.updates { try update(new, oldName: old.name) }
            try insert(plan.pools.creates)
            for (old, new) in plan.pools.updates { try update(new, old: old) }
            try insert(plan.disks.creates)
            for (old, new) in plan.disks.updates { try update(new, old: old) }
            for c in plan.clusters.creates { try upsert(c, oldName: nil) }
            for (old, new) in plan.clusters.updates { try upsert(new, oldName: old.name) }
            for s in plan.services.creates { try upsert(s, oldName: nil) }
            for (old, new) in plan.services.updates { try upsert(new, oldName: old.name) }
            // After the clusters exist: which clusters each created or changed range serves.
            for r in plan.ranges.creates + plan.ranges.updates.map(\.new) { try setClusters(of: r) }
            for n in plan.nodes.creates { try upsert(n, isNew: true) }
            for (_, new) in plan.nodes.updates { try upsert(new, isNew: false) }
            try insert(plan.allocations.creates)
            for (_, new) in plan.allocations.updates { try update(new) }
            for z in plan.zones.creates { try db.execute("INSERT INTO zones(name, description) VALUES (?, ?)", [.text(z.name), z.description.sqlValue]) }
            for (old, new) in plan.zones.updates {
                try db.execute("UPDATE zones SET name = ?, description = ? WHERE name = ?", [.text(new.name), new.description.sqlValue, .text(old.name)])
            }
            try insert(plan.records.creates)
            for (_, new) in plan.records.updates { try update(new) }
            for t in plan.dnsTargets.creates { try upsert(t, oldName: nil) }
            for (old, new) in plan.dnsTargets.updates { try upsert(new, oldName: old.name) }

            for t in plan.dnsTargets.deletes { try db.execute("DELETE FROM dns_targets WHERE name = ?", [.text(t.name)]) }
            for g in plan.groups.creates { try upsert(g, oldName: nil) }
            for (old, new) in plan.groups.updates { try upsert(new, oldName: old.name) }

            for g in plan.groups.deletes { try delete(g) }

            for r in plan.records.deletes {
                try db.execute("DELETE FROM records WHERE zone_id = (SELECT id FROM zones WHERE name = ?) AND view = ? AND name = ? AND type = ? AND value = ?",
                               [.text(r.zone), .text(r.view.rawValue), .text(r.name), .text(r.type.rawValue), .text(r.value)])
            }
            for z in plan.zones.deletes { try db.execute("DELETE FROM zones WHERE name = ?", [.text(z.name)]) }
            for a in plan.allocations.deletes { try db.execute("DELETE FROM addresses WHERE family = ? AND address = ?", a.address.sqlArguments) }
            for n in plan.nodes.deletes {
                try db.execute("DELETE FROM cluster_nodes WHERE cluster_id = (SELECT id FROM clusters WHERE name = ?) AND machine_id = (SELECT id FROM machines WHERE name = ?)",
                               [.text(n.cluster), .text(n.machine)])
            }
            for s in plan.services.deletes { try db.execute("DELETE FROM services WHERE name = ?", [.text(s.name)]) }
            for c in plan.clusters.deletes { try db.execute("DELETE FROM clusters WHERE name = ?", [.text(c.name)]) }
            for d in plan.disks.deletes {
                try db.execute("DELETE FROM disks WHERE machine_id = (SELECT id FROM machines WHERE name = ?) AND name = ?", [.text(d.machine), .text(d.name)])
            }
            for p in plan.pools.deletes {
                try db.execute("DELETE FROM pools WHERE host_id = (SELECT id FROM machines WHERE name = ?) AND name = ?", [.text(p.host), .text(p.name)])
            }
            // Guests before the hosts they run on.
            for m in plan.machines.deletes.sorted(by: { $0.kind.isGuest && !$1.kind.isGuest }) {
                try db.execute("DELETE FROM machines WHERE name = ?", [.text(m.name)])
            }
            for r in plan.ranges.deletes { try db.execute("DELETE FROM ranges WHERE name = ?", [.text(r.name)]) }
            for p in plan.prefixes.deletes { try db.execute("DELETE FROM prefixes WHERE family = ? AND network = ? AND length = ?", p.cidr.sqlKey) }
            try refreshAddressRuns()
        }
    }

    private func insert(_ p: Prefix) throws {
        try db.execute("INSERT INTO prefixes(name, family, network, last, length, gateway, description) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [p.name.sqlValue, .integer(Int64(p.cidr.family.rawValue)), .blob(p.cidr.first.bytes), .blob(p.cidr.last.bytes),
                        .integer(Int64(p.cidr.length)), p.gateway.map { .blob($0.bytes) } ?? .null, p.description.sqlValue])
    }

    private func update(_ old: Prefix, _ new: Prefix) throws {
        try db.execute("UPDATE prefixes SET name = ?, gateway = ?, description = ? WHERE family = ? AND network = ? AND length = ?",
                       [new.name.sqlValue, new.gateway.map { .blob($0.bytes) } ?? .null, new.description.sqlValue] + old.cidr.sqlKey)
    }

    private func insert(_ r: AddressRange) throws {
        try db.execute("""
            INSERT INTO ranges(name, prefix_id, family, first, last, purpose, description)
            VALUES (?, (SELECT id FROM prefixes WHERE family = ? AND network = ? AND length = ?), ?, ?, ?, ?, ?)
            """, [.text(r.name)] + r.prefix.sqlKey + [.integer(Int64(r.first.family.rawValue)), .blob(r.first.bytes), .blob(r.last.bytes),
                                                     .text(r.purpose.rawValue), r.description.sqlValue])
    }

    /// Makes the range's cluster links those of `r`, in order (unchanged links are kept).
    private func setClusters(of r: AddressRange) throws {
        let range: [SQLValue] = [.text(r.name)]
        let current = try db.query("SELECT c.name FROM range_clusters l JOIN clusters c ON c.id = l.cluster_id JOIN ranges g ON g.id = l.range_id WHERE g.name = ?", range)
            .compactMap { $0.string("name")?.lowercased() }
        guard current.sorted() != r.clusters.map({ $0.lowercased() }).sorted() else { return }
        try db.execute("DELETE FROM range_clusters WHERE range_id = (SELECT id FROM ranges WHERE name = ?)", range)
        for cluster in r.clusters {
            try db.execute("INSERT OR IGNORE INTO range_clusters(range_id, cluster_id) SELECT (SELECT id FROM ranges WHERE name = ?), id FROM clusters WHERE name = ?",
                           range + [.text(cluster)])
        }
    }

    private func update(_ old: AddressRange, _ new: AddressRange) throws {
        try db.execute("""
            UPDATE ranges SET name = ?, prefix_id = (SELECT id FROM prefixes WHERE family = ? AND network = ? AND length = ?),
                family = ?, first = ?, last = ?, purpose = ?, description = ? WHERE name = ?
            """, [.text(new.name)] + new.prefix.sqlKey + [.integer(Int64(new.first.family.rawValue)), .blob(new.first.bytes), .blob(new.last.bytes),
                                                         .text(new.purpose.rawValue), new.description.sqlValue, .text(old.name)])
    }

    /// Updates machine `oldName` to `m` and rewrites its tags and attributes.
    private func update(_ m: Machine, oldName: String) throws {
        try db.execute("""
            UPDATE machines SET name = ?, kind = ?, host_id = (SELECT id FROM machines WHERE name = ?), model = ?, cpus = ?,
                ram_bytes = ?, ram_reserve_bytes = ?, enabled = ?, description = ? WHERE name = ?
            """, LabImporter.values(of: m) + [.text(oldName)])
        try db.execute("DELETE FROM machine_tags WHERE machine_id = (SELECT id FROM machines WHERE name = ?)", [.text(m.name)])
        try insertTags(of: [m])
        try db.execute("DELETE FROM machine_attributes WHERE machine_id = (SELECT id FROM machines WHERE name = ?)", [.text(m.name)])
        try insertAttributes(of: [m])
    }

    private func update(_ p: Pool, old: Pool) throws {
        try db.execute("UPDATE pools SET name = ?, type = ?, size_bytes = ?, thin = ?, description = ? WHERE host_id = (SELECT id FROM machines WHERE name = ?) AND name = ?",
                       LabImporter.values(of: p) + [.text(old.host), .text(old.name)])
    }

    private func update(_ d: Disk, old: Disk) throws {
        let pool: SQLValue = d.pool.map { .text($0) } ?? .null
        try db.execute("UPDATE disks SET name = ?, size_bytes = ?, pool_id = \(LabImporter.poolLookup(machine: "?", pool: "?")), media = ? WHERE machine_id = (SELECT id FROM machines WHERE name = ?) AND name = ?",
                       [.text(d.name), .integer(d.size.bytes), .text(d.machine), pool, d.media?.rawValue.sqlValue ?? .null, .text(old.machine), .text(old.name)])
    }

    private func upsert(_ c: Cluster, oldName: String?) throws {
        let values: [SQLValue] = [.text(c.name), c.distribution.sqlValue, c.description.sqlValue]
        if let oldName {
            try db.execute("UPDATE clusters SET name = ?, distribution = ?, description = ? WHERE name = ?", values + [.text(oldName)])
        } else {
            try db.execute("INSERT INTO clusters(name, distribution, description) VALUES (?, ?, ?)", values)
        }
    }

    private func upsert(_ s: Service, oldName: String?) throws {
        let values: [SQLValue] = [.text(s.name), s.cluster.sqlValue, s.description.sqlValue]
        if let oldName {
            try db.execute("UPDATE services SET name = ?, cluster_id = (SELECT id FROM clusters WHERE name = ?), description = ? WHERE name = ?", values + [.text(oldName)])
        } else {
            try db.execute("INSERT INTO services(name, cluster_id, description) VALUES (?, (SELECT id FROM clusters WHERE name = ?), ?)", values)
        }
    }

    private func upsert(_ n: ClusterNode, isNew: Bool) throws {
        let sql = isNew
            ? "INSERT INTO cluster_nodes(role, cluster_id, machine_id) VALUES (?, (SELECT id FROM clusters WHERE name = ?), (SELECT id FROM machines WHERE name = ?))"
            : "UPDATE cluster_nodes SET role = ? WHERE cluster_id = (SELECT id FROM clusters WHERE name = ?) AND machine_id = (SELECT id FROM machines WHERE name = ?)"
        try db.execute(sql, [.text(n.role.rawValue), .text(n.cluster), .text(n.machine)])
    }

    private func update(_ a: Allocation) throws {
        try db.execute("""
            UPDATE addresses SET prefix_id = (SELECT id FROM prefixes WHERE family = ? AND network = ? AND length = ?),
                range_id = (SELECT id FROM ranges WHERE name = ?), machine_id = (SELECT id FROM machines WHERE name = ?),
                service_id = (SELECT id FROM services WHERE name = ?), dns_name = ?, description = ?, position = ?
            WHERE family = ? AND address = ?
            """, LabImporter.values(of: a))
    }

    private func upsert(_ t: DNSTarget, oldName: String?) throws {
        let values: [SQLValue] = [.text(t.name), .text(t.kind.rawValue), .text(t.zone), .text(t.view.rawValue), t.url.sqlValue,
                                  t.hostsFile.sqlValue, t.cnameFile.sqlValue, t.reloadCommand.sqlValue, t.description.sqlValue]
        if let oldName {
            try db.execute("""
                UPDATE dns_targets SET name = ?, kind = ?, zone_id = (SELECT id FROM zones WHERE name = ?), view = ?, url = ?,
                    hosts_file = ?, cname_file = ?, reload_command = ?, description = ? WHERE name = ?
                """, values + [.text(oldName)])
        } else {
            try db.execute("""
                INSERT INTO dns_targets(name, kind, zone_id, view, url, hosts_file, cname_file, reload_command, description)
                VALUES (?, ?, (SELECT id FROM zones WHERE name = ?), ?, ?, ?, ?, ?, ?)
                """, values)
        }
    }

    private func update(_ r: Record) throws {
        try db.execute("UPDATE records SET ttl = ?, proxied = ? WHERE zone_id = (SELECT id FROM zones WHERE name = ?) AND view = ? AND name = ? AND type = ? AND value = ?",
                       LabImporter.values(of: r))
    }
}

extension IPNetwork {
    /// The (family, network, length) that identifies a prefix row.
    var sqlKey: [SQLValue] { [.integer(Int64(family.rawValue)), .blob(network.bytes), .integer(Int64(length))] }
}
