/// An HTML document being written: text is escaped unless added with `raw`, so that
/// nothing from the lab (a description holding `<script>`) can become markup.
public struct HTML: Sendable {
    /// The markup so far.
    public private(set) var text = ""

    public init() {}

    /// Appends markup written by labdb itself (never data from the lab).
    public mutating func raw(_ markup: String) { text += markup }

    /// Appends `value` as text.
    public mutating func text(_ value: String) { text += HTML.escape(value) }

    /// Appends `<tag attributes>text</tag>`.
    public mutating func element(_ tag: String, _ value: String, class name: String? = nil) {
        raw("<\(tag)\(name.map { " class=\"\(HTML.escape($0))\"" } ?? "")>")
        text(value)
        raw("</\(tag)>")
    }

    /// Appends a link to `href` with `label` as its text.
    public mutating func link(_ href: String, _ label: String, class name: String? = nil, title: String? = nil) {
        raw("<a href=\"\(HTML.escape(href))\"")
        if let name { raw(" class=\"\(HTML.escape(name))\"") }
        if let title { raw(" title=\"\(HTML.escape(title))\"") }
        raw(">")
        text(label)
        raw("</a>")
    }

    /// `value` with `&`, `<`, `>`, `"` and `'` replaced by entities: safe in text and in
    /// quoted attribute values.
    public static func escape(_ value: String) -> String {
        // Most text has nothing to escape: a byte scan finds that without building a copy
        // scalar by scalar (that copy was a fifth of the /history page's time).
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
        guard value.utf8.contains(where: special) else { return value }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 16)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `value` escaped for a URL path segment or query value.
    public static func urlComponent(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            let character = Character(UnicodeScalar(byte))
            if character.isASCII, character.isLetter || character.isNumber || "-._~".contains(character) {
                out.append(character)
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
