/// A JSON document as a value, written by `JSONWriter` with sorted keys.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    /// An object whose members are already in key order (as `JSONWriter` sorts them) and
    /// unique: written as given, without hashing or sorting. For large documents.
    case fields([JSONField])

    /// `text`, or null when nil.
    public static func string(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// `number`, or null when nil.
    public static func int(_ number: Int?) -> JSONValue { number.map { .int(Int64($0)) } ?? .null }

    /// Text that Ansible must never template: `{"__ansible_unsafe": text}`, the marker
    /// ansible-core's JSON decoder turns into an unsafe string. Null when nil.
    public static func ansibleUnsafe(_ text: String?) -> JSONValue {
        text.map { .fields([JSONField("__ansible_unsafe", .string($0))]) } ?? .null
    }

    /// The members of an object (`.object` or `.fields`), else nil.
    public var members: [String: JSONValue]? {
        switch self {
        case .object(let members): return members
        case .fields(let fields): return Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        default: return nil
        }
    }
}

/// One member of a `.fields` object.
public struct JSONField: Sendable, Hashable {
    public let key: String
    public let value: JSONValue

    public init(_ key: String, _ value: JSONValue) { self.key = key; self.value = value }
}
