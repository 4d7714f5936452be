import Foundation

/// Writes a history row's JSON object (flat: text, integers, nulls — what the history
/// triggers' `json_object` makes) with keys in code-point order, as
/// `JSONSerialization` with sorted keys and unescaped slashes wrote it, at a fraction of
/// its cost: re-serialising was most of the time of `labdb history` and the /history page.
/// Anything else (a nested value, a fraction, a control character) is left to
/// `JSONSerialization`, so that the text stays exactly what it was.
enum HistoryJSONWriter {
    /// The object's JSON text, or nil when it holds something this writer leaves alone.
    static func write(_ object: [String: Any]) -> String? {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, key) in object.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard appendQuoted(key, to: &out) else { return nil }
            out.append(UInt8(ascii: ":"))
            switch object[key] {
            case let text as String:
                guard appendQuoted(text, to: &out) else { return nil }
            case let number as NSNumber:
                // Only whole numbers: a bool or a fraction is written as JSONSerialization writes it.
                let whole = String(number.int64Value)
                guard String(cString: number.objCType) != "c", whole == number.stringValue else { return nil }
                out.append(contentsOf: whole.utf8)
            case is NSNull:
                out.append(contentsOf: "null".utf8)
            default:
                return nil
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` with labdb's one JSON escaping rule (`JSONString`); false, leaving it
    /// to JSONSerialization, for text with a control character, which that rule writes
    /// differently.
    private static func appendQuoted(_ text: String, to out: inout [UInt8]) -> Bool {
        guard !text.utf8.contains(where: { $0 < 0x20 }) else { return false }
        JSONString.append(text, to: &out)
        return true
    }
}
