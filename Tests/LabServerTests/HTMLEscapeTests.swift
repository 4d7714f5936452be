import Testing
import LabWeb

/// `HTML.escape` scans bytes and returns text with nothing to escape as it is; the scalar
/// by scalar escaping it replaced stays here as the oracle.
@Suite("HTML escaping")
struct HTMLEscapeTests {
    private static func reference(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    @Test("the same text as scalar-by-scalar escaping, for every special character among non-ASCII text")
    func sameAsReference() {
        let pieces = ["&", "<", ">", "\"", "'", "a", "Z", "9", " ", "é", "日本", "\u{1F600}", "\u{0}", "\n", "&amp;", "<script>", "\u{301}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(HTML.escape(text) == HTMLEscapeTests.reference(text), "\(text.debugDescription)")
        }
        #expect(HTML.escape("<b title='x'>\"a\" & b</b>") == "&lt;b title=&#39;x&#39;&gt;&quot;a&quot; &amp; b&lt;/b&gt;")
        #expect(HTML.escape("plain text, é") == "plain text, é")
    }
}
