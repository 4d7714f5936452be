import Testing
@testable import LabModel

/// The byte-level "can this be written unquoted" check against the definition it replaced
/// (Character properties and Foundation string search), on every short string over an
/// alphabet of the characters that matter and on random longer ones.
@Suite("YAML scalars")
struct YAMLScalarTests {
    /// The former definition, kept as the reference.
    static func referencePlain(_ value: String) -> Bool {
        let safeFirst = value.first.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "/") } ?? false
        let safeRest = value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_./@:+- ".contains($0)) }
        let numeric = Double(value) != nil || value.allSatisfy { $0.isNumber || $0 == ":" || $0 == "_" }
            || value.lowercased().hasPrefix("0x") || value.lowercased().hasPrefix("0o")
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ""]
        return safeFirst && safeRest && !numeric && !reserved.contains(value.lowercased())
            && !value.hasSuffix(" ") && !value.contains(": ") && !value.hasSuffix(":") && !value.contains(" #")
    }

    @Test("every string of up to three characters over a tricky alphabet, and 20,000 random ones")
    func sameAsReference() {
        let alphabet: [String] = ["a", "Z", "0", "9", "_", ".", "/", "@", ":", "+", "-", " ", "#", "x", "o", "é", "\n", "\"", "\r\n", "e", "N", "١"]
        var strings: [String] = [""]
        var level: [String] = [""]
        for _ in 0..<3 {
            level = level.flatMap { prefix in alphabet.map { prefix + $0 } }
            strings += level
        }
        strings += ["true", "No", "NULL", "0x1F", "0O7", "1e5", "12:30", "1_000", "host-1", "a: b", "a:", "a #b", "/etc/hosts", "z440", "lab.example.com", "~", "Inf", "nan", ".5", "+1", "-"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...12, using: &generator)
            strings.append((0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined())
        }
        for value in strings where YAMLText.isPlain(value) != YAMLScalarTests.referencePlain(value) {
            Issue.record("'\(value.debugDescription)': byte check \(YAMLText.isPlain(value)), reference \(YAMLScalarTests.referencePlain(value))")
            return
        }
    }
}
