extension LabFileParser {
    /// Reads one item of `groups:`: an Ansible group name and its variables.
    func readGroup(_ node: YAMLNode, path: String, into parsed: inout ParsedLab, problems: ProblemCollector) {
        guard let map = YAMLMapping(node, path: path, keys: ["name", "description", "vars"], problems: problems) else { return }
        let name = map.string("name", required: true)
        let description = map.string("description")
        let vars = map.dictionary("vars")
        for key in vars.keys.sorted() where !InventoryGroup.isValidName(key) {
            problems.add(map.child("vars") + ".\(key)", "'\(key)' is not a valid Ansible variable name (letters, digits and '_', not starting with a digit)")
        }
        guard let name else { return }
        guard InventoryGroup.isValidName(name) else {
            problems.add(map.child("name"), "'\(name)' is not a valid Ansible group name (letters, digits and '_', not starting with a digit; e.g. cluster_prod, tag_k8s)")
            return
        }
        let ref = ObjectRef.group(name)
        parsed.remember(ref, index: parsed.lab.groups.count, path: path)
        parsed.lab.groups.append(InventoryGroup(name: name, description: description, vars: vars))
    }
}
