import LabModel

/// What a kind of target can hold, and how it stores TTL and proxy settings, so that a
/// desired record compares equal to what the target reports back after an apply.
public struct DNSCapabilities: Sendable, Hashable {
    /// The record types whose TTL the target keeps (others are always automatic).
    public let ttlTypes: Set<RecordType>
    /// Whether records may be proxied (Cloudflare).
    public let proxies: Bool
    /// Which wildcard types the target can serve.
    public let wildcardTypes: Set<RecordType>
    /// Why wildcards cannot be held, for the plan.
    public let wildcardReason: String

    public init(ttlTypes: Set<RecordType>, proxies: Bool, wildcardTypes: Set<RecordType>, wildcardReason: String) {
        self.ttlTypes = ttlTypes; self.proxies = proxies; self.wildcardTypes = wildcardTypes; self.wildcardReason = wildcardReason
    }

    /// The record as the target would store it.
    public func normalize(_ record: DNSRecord) -> DNSRecord {
        let proxied = proxies && record.proxied
        // A proxied record always has automatic TTL.
        let ttl = ttlTypes.contains(record.type) && !proxied ? record.ttl : nil
        return record.with(ttl: ttl, proxied: proxied)
    }

    /// Why the target cannot hold `record`, or nil when it can.
    public func unsupportedReason(_ record: DNSRecord) -> String? {
        if record.isWildcard && !wildcardTypes.contains(record.type) { return wildcardReason }
        return nil
    }

    /// Pi-hole v6 through its API: hosts entries (no TTL), CNAME entries
    /// (`alias,target[,ttl]`), and wildcard A/AAAA as `address=` lines in `misc.dnsmasq_lines`.
    public static let piholeAPI = DNSCapabilities(
        ttlTypes: [.cname], proxies: false, wildcardTypes: [.a, .aaaa],
        wildcardReason: "Pi-hole cannot serve a wildcard CNAME (dnsmasq has no such line); use a wildcard A or AAAA record")
    /// Pi-hole v5 / dnsmasq files: hosts lines (no TTL), `cname=alias,target[,ttl]`,
    /// wildcard A/AAAA as `address=` lines (no TTL).
    public static let piholeFiles = DNSCapabilities(
        ttlTypes: [.cname], proxies: false, wildcardTypes: [.a, .aaaa],
        wildcardReason: "dnsmasq files cannot hold a wildcard CNAME; use a wildcard A or AAAA record")
    /// Cloudflare: everything, TTL kept unless proxied.
    public static let cloudflare = DNSCapabilities(ttlTypes: Set(RecordType.allCases), proxies: true, wildcardTypes: [.a, .aaaa, .cname], wildcardReason: "")
}
