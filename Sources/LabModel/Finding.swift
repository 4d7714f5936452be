/// One problem `labdb check` found.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    /// How bad it is: errors make `labdb check` fail; warnings do not.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    public var severity: Severity
    /// The object at fault, e.g. `vm gitlab`, `range metallb`, `address 192.168.1.77`.
    public var object: String
    /// What is wrong and, where it helps, what to do.
    public var problem: String

    /// Which rule found it (`record-unallocated`, `cpu-overcommit`, ...): with `object`, what a
    /// write is compared by, so that a problem whose numbers change is still the same problem.
    public var rule: String

    public init(rule: String = "", _ severity: Severity, _ object: String, _ problem: String) {
        self.rule = rule; self.severity = severity; self.object = object; self.problem = problem
    }

    public var description: String { "\(severity.rawValue): \(object): \(problem)" }
}
