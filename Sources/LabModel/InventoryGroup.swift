import LabStore

/// Variables for an Ansible inventory group, set in the lab file under `groups:`.
///
/// `name` is the group as Ansible sees it: one of the groups labdb makes (`all`,
/// `cluster_prod`, `tag_k8s`, ...) or a new, empty group of the user's own.
public struct InventoryGroup: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// Group variables, as text (like machine attributes).
    public var vars: [String: String]

    public init(name: String, description: String? = nil, vars: [String: String] = [:]) {
        self.name = name; self.description = description; self.vars = vars
    }

    /// Whether `text` is a valid Ansible group name: letters, digits and `_`, not starting with a digit.
    public static func isValidName(_ text: String) -> Bool {
        guard let first = text.first, (1...128).contains(text.count), !first.isNumber else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}

extension InventoryGroup: LabObject {
    var ref: ObjectRef { .group(name) }
    var fields: [(String, String)] {
        [("name", name), ("description", description ?? ""),
         ("vars", vars.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))]
    }
}

extension Lab {
    /// Reads the inventory groups and their variables from `db`.
    static func loadGroups(_ db: Database) throws -> [InventoryGroup] {
        var vars: [Int64: [String: String]] = [:]
        try db.forEachRow("SELECT group_id, key, value FROM inventory_group_vars") { row in
            vars[row.int("group_id")!, default: [:]][row.string("key")!] = row.string("value")!
            return true
        }
        return try db.query("SELECT id, name, description FROM inventory_groups").map { row in
            InventoryGroup(name: row.string("name")!, description: row.string("description"), vars: vars[row.int("id")!] ?? [:])
        }
    }
}

extension LabImporter {
    func upsert(_ group: InventoryGroup, oldName: String?) throws {
        if let oldName {
            try db.execute("UPDATE inventory_groups SET name = ?, description = ? WHERE name = ?",
                           [.text(group.name), group.description.sqlValue, .text(oldName)])
        } else {
            try db.execute("INSERT INTO inventory_groups(name, description) VALUES (?, ?)", [.text(group.name), group.description.sqlValue])
        }
        try db.execute("DELETE FROM inventory_group_vars WHERE group_id = (SELECT id FROM inventory_groups WHERE name = ?)", [.text(group.name)])
        for (key, value) in group.vars.sorted(by: { $0.key < $1.key }) {
            try db.execute("INSERT INTO inventory_group_vars(group_id, key, value) VALUES ((SELECT id FROM inventory_groups WHERE name = ?), ?, ?)",
                           [.text(group.name), .text(key), .text(value)])
        }
    }

    func delete(_ group: InventoryGroup) throws {
        try db.execute("DELETE FROM inventory_groups WHERE name = ?", [.text(group.name)])
    }
}
