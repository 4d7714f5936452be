import LabModel

/// Writes `JSONValue`s deterministically: object keys sorted by code point (as Python's
/// `sort_keys` does), no floating point, compact or indented by two spaces.
public struct JSONWriter: Sendable {
    /// Whether to indent (two spaces per level, one key or element per line).
    public var pretty: Bool

    /// A writer; `pretty` indents the output.
    public init(pretty: Bool = false) { self.pretty = pretty }

    /// The JSON text of `value`, with a final newline.
    public func write(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// The UTF-8 JSON text of `value`, with a final newline.
    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        append(value, depth: 0, to: &out)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// `text` as a JSON string literal (quotes, backslashes and control characters escaped).
    public static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func append(_ value: JSONValue, depth: Int, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .string(let text): JSONWriter.appendQuoted(text, to: &out)
        case .array(let items):
            guard !items.isEmpty else { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1, to: &out)
                append(item, depth: depth + 1, to: &out)
            }
            newline(depth, to: &out)
            out.append(UInt8(ascii: "]"))
        case .fields(let fields):
            guard !fields.isEmpty else { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (index, field) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1, to: &out)
                JSONWriter.appendQuoted(field.key, to: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                append(field.value, depth: depth + 1, to: &out)
            }
            newline(depth, to: &out)
            out.append(UInt8(ascii: "}"))
        case .object(let members):
            guard !members.isEmpty else { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted(by: JSONWriter.keyOrder)
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1, to: &out)
                JSONWriter.appendQuoted(key, to: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                append(members[key]!, depth: depth + 1, to: &out)
            }
            newline(depth, to: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private func newline(_ depth: Int, to out: inout [UInt8]) {
        guard pretty else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    /// Key order: code point order, which is UTF-8 byte order (Python's `sort_keys`, and
    /// SQLite's BINARY collation). Not String's `<`, which compares normalised text.
    static func keyOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// `text` as a JSON string literal, LabModel's one escaping rule.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) { JSONString.append(text, to: &out) }
}
