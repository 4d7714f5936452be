/// A JSON document as a value, written by `JSONWriter` with sorted keys.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// `text`, or null when nil.
    public static func string(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// `number`, or null when nil.
    public static func int(_ number: Int?) -> JSONValue { number.map { .int(Int64($0)) } ?? .null }

    /// Text that Ansible must never template: `{"__ansible_unsafe": text}`, the marker
    /// ansible-core's JSON decoder turns into an unsafe string. Null when nil.
    public static func ansibleUnsafe(_ text: String?) -> JSONValue {
        text.map { .object(["__ansible_unsafe": .string($0)]) } ?? .null
    }
}
