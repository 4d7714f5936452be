extension LabYAMLWriter {
    /// The `groups:` section: Ansible group variables, groups sorted by name, variables by key.
    func writeGroups(_ groups: [InventoryGroup], into out: inout YAMLText) {
        guard !groups.isEmpty else { return }
        out.line(0, "groups:")
        for group in groups {
            out.item(1, "name", group.name)
            out.field(2, "description", group.description)
            if !group.vars.isEmpty {
                out.line(2, "vars:")
                for (key, value) in group.vars.sorted(by: { $0.key < $1.key }) { out.field(3, key, value) }
            }
        }
    }
}
