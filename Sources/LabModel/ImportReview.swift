import LabStore

/// What an import would undo of other people's work, found in the change history.
///
/// A lab file exported at revision R (the database's last change then) refuses to change,
/// delete or re-create an object that someone changed after R. A hand-written file has no
/// revision; its plan marks each deletion of an allocation made outside lab files (the
/// command line, the shell, the API), since such an address was handed out by someone
/// who never wrote it into the file. Either needs `--force` to apply.
public struct ImportReview: Sendable {
    /// A planned change to an object changed after the file's revision, with those changes.
    public struct Conflict: Sendable, Hashable {
        public let change: PlannedChange
        public let since: [ChangeEntry]
    }

    /// A planned deletion of an allocation that was made outside lab files.
    public struct OutsideDeletion: Sendable, Hashable {
        public let change: PlannedChange
        public let made: ChangeEntry
    }

    /// The file's revision, if it has one.
    public let revision: Int64?
    public private(set) var conflicts: [Conflict] = []
    public private(set) var outsideDeletions: [OutsideDeletion] = []

    /// Whether applying needs `--force`.
    public var needsForce: Bool { !conflicts.isEmpty || !outsideDeletions.isEmpty }

    /// Reviews `plan` against the history of `database`. Changes made by the same user
    /// with the same command as the database's change context (importing the same file
    /// again) are that person's own and never conflict.
    public init(plan: ImportPlan, revision: Int64?, database: Database) throws {
        self.revision = revision
        guard database.hasChangeHistory, !plan.isEmpty else { return }
        let own = database.changeContext
        if let revision {
            var later: [String: [ChangeEntry]] = [:]
            for (key, entry) in try ImportReview.changes(in: database, after: revision)
            where own == nil || entry.user != own?.user || entry.command != own?.command {
                later[key, default: []].append(entry)
            }
            guard !later.isEmpty else { return }
            var found: [Conflict] = []
            plan.forEachChange { change in
                let since = ImportReview.historyKeys(change.object).flatMap { later[$0] ?? [] }
                if !since.isEmpty { found.append(Conflict(change: change, since: since.sorted { $0.id < $1.id })) }
            }
            conflicts = found
        } else {
            var found: [OutsideDeletion] = []
            try plan.forEachChange { change in
                guard change.action == .delete, case .allocation = change.object, let key = ImportReview.historyKeys(change.object).first,
                      let made = try ImportReview.lastInsert(of: key, in: database), !ImportReview.isLabFileCommand(made.command) else { return }
                found.append(OutsideDeletion(change: change, made: made))
            }
            outsideDeletions = found
        }
    }

    /// Why `change` needs `--force`, to print after its plan line; nil when it does not.
    public func note(for change: PlannedChange) -> String? {
        // A plan changes an object once: its action and object name the change (a printed
        // plan may leave out the fields of creates).
        if let conflict = conflicts.first(where: { $0.change.action == change.action && $0.change.object == change.object }), let last = conflict.since.last {
            return "changed since revision \(revision ?? 0): \(ImportReview.describe(last))"
        }
        if let deletion = outsideDeletions.first(where: { $0.change.action == change.action && $0.change.object == change.object }) {
            return "allocated outside lab files: \(ImportReview.describe(deletion.made))"
        }
        return nil
    }

    /// `insert by alice at 2026-...: labdb ip allocate metallb --to z440`.
    static func describe(_ entry: ChangeEntry) -> String {
        "\(entry.operation) by \(entry.user ?? "someone outside labdb") at \(entry.at)" + (entry.command.map { ": \($0)" } ?? "")
    }

    // MARK: - History

    /// `table|object` (lower-cased) for each change after `revision`, with the entry.
    static func changes(in db: Database, after revision: Int64) throws -> [(String, ChangeEntry)] {
        try db.query("""
            SELECT c.id, c.change_set_id, coalesce(s.at, c.at) AS at, s.os_user, s.command, c.table_name, c.operation, c.object
            FROM changes c LEFT JOIN change_sets s ON s.id = c.change_set_id WHERE c.id > ? ORDER BY c.id
            """, [.integer(revision)]).map { row in
            let table = row.string("table_name") ?? "", object = row.string("object") ?? ""
            return ("\(table)|\(object.lowercased())", entry(row))
        }
    }

    /// The change that created the allocation stored under `key`, if the history has it.
    static func lastInsert(of key: String, in db: Database) throws -> ChangeEntry? {
        let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
        return try db.first("""
            SELECT c.id, c.change_set_id, coalesce(s.at, c.at) AS at, s.os_user, s.command, c.table_name, c.operation, c.object
            FROM changes c LEFT JOIN change_sets s ON s.id = c.change_set_id
            WHERE c.table_name = ? AND c.object = ? COLLATE NOCASE AND c.operation = 'insert' ORDER BY c.id DESC LIMIT 1
            """, [.text(parts[0]), .text(parts[1])]).map(entry)
    }

    static func entry(_ row: Row) -> ChangeEntry {
        ChangeEntry(id: row.int("id") ?? 0, changeSet: row.int("change_set_id"), at: row.string("at") ?? "", user: row.string("os_user"),
                    command: row.string("command"), table: row.string("table_name") ?? "", operation: row.string("operation") ?? "",
                    object: ChangeHistory.decodeKey(row.string("object") ?? ""), before: nil, after: nil)
    }

    /// Where the history triggers record changes of `object`: `table|object`, lower-cased.
    static func historyKeys(_ object: ObjectRef) -> [String] {
        func key(_ table: String, _ name: String) -> String { "\(table)|\(name.lowercased())" }
        switch object {
        case .prefix(let cidr): return [key("prefixes", "\(cidr.family.rawValue):\(ChangeHistory.hex(cidr.network.bytes))/\(cidr.length)")]
        case .allocation(let address): return [key("addresses", "\(address.family.rawValue):\(ChangeHistory.hex(address.bytes))")]
        case .range(let name): return [key("ranges", name)]
        case .machine(let name): return [key("machines", name), key("machine_tags", name), key("machine_attributes", name)]
        case .pool(_, let name): return [key("pools", name)]
        case .disk(let machine, _): return [key("disks", machine)]
        case .cluster(let name): return [key("clusters", name)]
        case .node(let cluster, _): return [key("cluster_nodes", cluster)]
        case .service(let name): return [key("services", name)]
        case .zone(let name): return [key("zones", name)]
        case .record(let record): return [key("records", record.fqdn)]
        case .dnsTarget(let name): return [key("dns_targets", name)]
        case .group(let name): return [key("inventory_groups", name), key("inventory_group_vars", name)]
        }
    }

    /// Whether `command` imported a lab file (`labdb import FILE`, `labdb init --seed FILE`):
    /// its first word after the program and the global flags.
    static func isLabFileCommand(_ command: String?) -> Bool {
        guard let command else { return false }
        var words = command.split(separator: " ").map(String.init).dropFirst()[...]
        while let word = words.first, word.hasPrefix("-") {
            words = words.dropFirst(word.contains("=") ? 1 : 2)
        }
        return ["import", "init"].contains(words.first ?? "")
    }
}
