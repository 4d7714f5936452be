/// The rules for names and DNS names that the schema's CHECK constraints also enforce.
public enum NameRules {
    /// Machine, range, cluster, pool and service names: 1-63 of letters, digits, `.`, `_`, `-`.
    public static func isValidName(_ text: String) -> Bool {
        (1...63).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    /// A DNS host name: dot-separated labels of letters, digits, `-` and `_` (no trailing dot),
    /// each 1-63 long; `allowWildcard` admits a leading `*` label.
    public static func isValidHostname(_ text: String, allowWildcard: Bool = false) -> Bool {
        guard (1...253).contains(text.count) else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        for (index, label) in labels.enumerated() {
            if label == "*" && index == 0 && allowWildcard { continue }
            guard (1...63).contains(label.count), label.first != "-", label.last != "-",
                  label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return false }
        }
        return true
    }
}
