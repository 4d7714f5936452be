/// What an API token may do. `read`, `write` and `admin` each include the ones before it;
/// `external-dns` stands apart: it only speaks the external-dns webhook, for one cluster.
public enum TokenScope: String, Sendable, CaseIterable, Codable, Comparable {
    /// Reads: listings, queries, export, inventory, capacity, metrics.
    case read
    /// Also allocates and releases addresses and runs write statements.
    case write
    /// Also imports lab files.
    case admin
    /// A cluster's external-dns: reads and writes that cluster's DNS records, nothing else.
    case externalDNS = "external-dns"

    private var rank: Int { TokenScope.allCases.firstIndex(of: self)! }

    public static func < (lhs: TokenScope, rhs: TokenScope) -> Bool { lhs.rank < rhs.rank }

    /// Whether a token of this scope may do what `needed` allows.
    public func allows(_ needed: TokenScope) -> Bool {
        if self == .externalDNS || needed == .externalDNS { return self == needed }
        return self >= needed
    }
}
