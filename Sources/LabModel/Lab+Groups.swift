import LabStore

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
