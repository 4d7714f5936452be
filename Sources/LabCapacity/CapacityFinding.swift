/// One thing the capacity report wants a person to look at.
public struct CapacityFinding: Sendable, Hashable {
    /// How serious a finding is, in increasing order.
    public enum Level: String, Sendable, Hashable, Comparable, CaseIterable {
        case note, warning, critical

        var rank: Int { Level.allCases.firstIndex(of: self)! }
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }

    public var level: Level
    /// What the finding is about: `z440`, `z440/local-lvm`, `range metallb`.
    public var object: String
    /// One sentence.
    public var message: String

    public init(level: Level, object: String, message: String) {
        self.level = level; self.object = object; self.message = message
    }
}
