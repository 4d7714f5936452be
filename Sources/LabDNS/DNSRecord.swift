import Foundation
import LabIP
import LabModel

/// One DNS record as a target holds it: a fully qualified name, a type and a value,
/// with the TTL and proxy flag that only some targets keep.
///
/// Names and values are normalised on creation (lower case, no trailing dot, single
/// spacing, canonical address text), so two spellings of one record compare equal.
public struct DNSRecord: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The fully qualified name without a trailing dot; `*.k8s.example.com` for a wildcard.
    public let name: String
    public let type: RecordType
    /// An address for A/AAAA, a host name for CNAME.
    public let value: String
    /// Seconds; nil means automatic.
    public let ttl: Int?
    /// Cloudflare only: whether traffic goes through Cloudflare's proxy.
    public let proxied: Bool

    /// A record with normalised name and value.
    public init(name: String, type: RecordType, value: String, ttl: Int? = nil, proxied: Bool = false) {
        self.name = DNSRecord.normalizeName(name)
        self.type = type
        switch type {
        case .a, .aaaa:
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            self.value = IPAddress(trimmed)?.description ?? trimmed.lowercased()
        case .cname:
            self.value = DNSRecord.normalizeName(value)
        }
        self.ttl = ttl
        self.proxied = proxied
    }

    /// Whether the name's first label is `*`.
    public var isWildcard: Bool { name.utf8.first == UInt8(ascii: "*") && name.hasPrefix("*.") }

    /// What identifies the record on a target: name, type and value.
    public var key: Key { Key(name: name, type: type, value: value) }

    /// A record whose name and value are already normalised.
    private init(normalized name: String, type: RecordType, value: String, ttl: Int?, proxied: Bool) {
        self.name = name; self.type = type; self.value = value; self.ttl = ttl; self.proxied = proxied
    }

    /// The same record with other TTL and proxy settings (no second normalisation).
    public func with(ttl: Int?, proxied: Bool) -> DNSRecord {
        if ttl == self.ttl && proxied == self.proxied { return self }
        return DNSRecord(normalized: name, type: type, value: value, ttl: ttl, proxied: proxied)
    }

    /// `A gitlab.lab.example.com 192.168.1.25`, with `ttl=` and `proxied` when set.
    public var description: String {
        var text = "\(type.rawValue) \(name) \(value)"
        if let ttl { text += " ttl=\(ttl)" }
        if proxied { text += " proxied" }
        return text
    }

    public static func < (lhs: DNSRecord, rhs: DNSRecord) -> Bool {
        (lhs.name, lhs.type.rawValue, lhs.value, lhs.ttl ?? 0, lhs.proxied ? 1 : 0)
            < (rhs.name, rhs.type.rawValue, rhs.value, rhs.ttl ?? 0, rhs.proxied ? 1 : 0)
    }

    /// Lower case, no surrounding space, no trailing dot.
    static func normalizeName(_ name: String) -> String {
        var text = name.trimmingCharacters(in: .whitespaces).lowercased()
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// The identity of a record on a target.
    public struct Key: Sendable, Hashable, Comparable {
        public let name: String
        public let type: RecordType
        public let value: String

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.name, lhs.type.rawValue, lhs.value) < (rhs.name, rhs.type.rawValue, rhs.value)
        }
    }
}

/// A record read from a target, with the target's own handle for it and whether labdb owns it.
public struct ObservedRecord: Sendable, Hashable {
    public let record: DNSRecord
    /// What the provider needs to change or delete it: a Cloudflare record id, a Pi-hole entry string.
    public let handle: String
    /// Whether labdb created it (and so may change or delete it).
    public let owned: Bool

    public init(record: DNSRecord, handle: String, owned: Bool) {
        self.record = record; self.handle = handle; self.owned = owned
    }
}
