/// Writes the Prometheus text exposition format (0.0.4): each family's `# HELP` and
/// `# TYPE` once, then its samples, label values escaped, every line ending in `\n`.
public struct PrometheusExposition: Sendable {
    /// The text so far.
    public private(set) var text = ""

    public init() {}

    /// Starts a family: `kind` is gauge, counter or histogram.
    public mutating func family(_ name: String, _ kind: String, help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(kind)\n"
    }

    /// One sample of the current family.
    public mutating func sample(_ name: String, _ labels: [(String, String)] = [], _ value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(PrometheusExposition.escape($0.1))\"" }.joined(separator: ",") + "}"
        }
        text += " " + PrometheusExposition.format(value) + "\n"
    }

    /// A label value with `\`, `"` and newlines escaped.
    public static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// A sample value: integers without a fraction, `+Inf`, `NaN`.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
