/// A write refused because `labdb check` would then report an error it does not report
/// now; nothing was written.
public struct ConsistencyViolation: Error, Sendable, Equatable, CustomStringConvertible {
    /// The errors the write would have introduced, as `labdb check` words them.
    public let findings: [Finding]

    public init(findings: [Finding]) { self.findings = findings }

    public var description: String {
        let shown = findings.prefix(5).map { "\($0.object) \($0.problem)" }
        let more = findings.count > 5 ? "; and \(findings.count - 5) more" : ""
        return "refused: `labdb check` would then report: " + shown.joined(separator: "; ") + more + "; nothing was written"
    }
}
