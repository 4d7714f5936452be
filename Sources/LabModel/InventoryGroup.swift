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
