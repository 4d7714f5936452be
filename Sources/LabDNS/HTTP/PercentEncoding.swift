import Foundation

/// Percent-encoding for URL parts built from record text.
enum PercentEncoding {
    /// Percent-encodes everything but unreserved characters (an entry goes in one path segment).
    static func pathSegment(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(UnicodeScalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~".contains(c)) { out.append(c) } else { out += String(format: "%%%02X", byte) }
        }
        return out
    }
}
