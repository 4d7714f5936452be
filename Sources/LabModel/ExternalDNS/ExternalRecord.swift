/// A DNS record that a cluster's external-dns wrote: a full name, a type (A, AAAA, CNAME,
/// or TXT for external-dns's own registry), a value, an optional TTL and its owner.
public struct ExternalRecord: Sendable, Hashable, Codable {
    /// The full name, lower case, without a trailing dot.
    public let fqdn: String
    public let type: String
    public let value: String
    public let ttl: Int?
    /// `external-dns:CLUSTER`.
    public let owner: String

    public init(fqdn: String, type: String, value: String, ttl: Int?, owner: String) {
        self.fqdn = fqdn
        self.type = type
        self.value = value
        self.ttl = ttl
        self.owner = owner
    }

    /// The owner mark of `cluster`'s records.
    public static func owner(cluster: String) -> String { "external-dns:\(cluster.lowercased())" }

    /// The record types labdb keeps for external-dns.
    public static let types: Set<String> = ["A", "AAAA", "CNAME", "TXT"]
}
