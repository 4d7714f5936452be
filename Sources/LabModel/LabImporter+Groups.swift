import LabStore

extension LabImporter {
    /// Creates or renames a group and replaces its variables.
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

    /// Deletes a group; its variables go with it (ON DELETE CASCADE).
    func delete(_ group: InventoryGroup) throws {
        try db.execute("DELETE FROM inventory_groups WHERE name = ?", [.text(group.name)])
    }
}
