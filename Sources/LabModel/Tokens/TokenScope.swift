/// What an API token may do. Each scope includes the ones before it.
public enum TokenScope: String, Sendable, CaseIterable, Codable, Comparable {
    /// Reads: listings, queries, export, inventory, capacity, metrics.
    case read
    /// Also allocates and releases addresses and runs write statements.
    case write
    /// Also imports lab files.
    case admin

    private var rank: Int { TokenScope.allCases.firstIndex(of: self)! }

    public static func < (lhs: TokenScope, rhs: TokenScope) -> Bool { lhs.rank < rhs.rank }

    /// Whether a token of this scope may do what `needed` allows.
    public func allows(_ needed: TokenScope) -> Bool { self >= needed }
}
