import LabModel

/// What a kind of target can hold, and how it stores TTL and proxy settings, so that a
/// desired record compares equal to what the target reports back after an apply.
public struct DNSCapabilities: Sendable, Hashable {
    /// Whether TTLs are kept (else every TTL is automatic).
    public let keepsTTL: Bool
    /// Whether records may be proxied (Cloudflare).
    public let proxies: Bool
    /// Which wildcard types the target can serve.
    public let wildcardTypes: Set<RecordType>
    /// Why wildcards cannot be held, for the plan.
    public let wildcardReason: String

    public init(keepsTTL: Bool, proxies: Bool, wildcardTypes: Set<RecordType>, wildcardReason: String) {
        self.keepsTTL = keepsTTL; self.proxies = proxies; self.wildcardTypes = wildcardTypes; self.wildcardReason = wildcardReason
    }

    /// The record as the target would store it.
    public func normalize(_ record: DNSRecord) -> DNSRecord {
        let proxied = proxies && record.proxied
        // A proxied record always has automatic TTL.
        let ttl = keepsTTL && !proxied ? record.ttl : nil
        return record.with(ttl: ttl, proxied: proxied)
    }

    /// Why the target cannot hold `record`, or nil when it can.
    public func unsupportedReason(_ record: DNSRecord) -> String? {
        if record.isWildcard && !wildcardTypes.contains(record.type) { return wildcardReason }
        return nil
    }

    /// Pi-hole v6 through its API: hosts and CNAME entries, no TTL, no wildcards.
    public static let piholeAPI = DNSCapabilities(
        keepsTTL: false, proxies: false, wildcardTypes: [],
        wildcardReason: "the Pi-hole API cannot hold wildcard records; serve it with a pihole-files target (dnsmasq address=) instead")
    /// Pi-hole v5 / dnsmasq files: wildcard A/AAAA as `address=` lines, no TTL.
    public static let piholeFiles = DNSCapabilities(
        keepsTTL: false, proxies: false, wildcardTypes: [.a, .aaaa],
        wildcardReason: "dnsmasq files cannot hold a wildcard CNAME; use a wildcard A or AAAA record")
    /// Cloudflare: everything, TTL kept unless proxied.
    public static let cloudflare = DNSCapabilities(keepsTTL: true, proxies: true, wildcardTypes: [.a, .aaaa, .cname], wildcardReason: "")
}
