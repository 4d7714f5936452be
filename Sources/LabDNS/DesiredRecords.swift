import LabIP
import LabModel

/// The records a target should hold: the lab's records of the target's zone and view,
/// plus, for the internal view, the A/AAAA records implied by allocations whose DNS
/// name lies in the zone.
public struct DesiredRecords: Sendable {
    public let lab: Lab
    /// Records the clusters' external-dns wrote (internal view only).
    public let external: [ExternalRecord]

    public init(lab: Lab, external: [ExternalRecord] = []) {
        self.lab = lab
        self.external = external
    }

    /// The desired records of `target`, sorted and without duplicates (an explicit
    /// record wins over the same record implied by an allocation).
    public func records(for target: DNSTarget) -> [DNSRecord] {
        var result: [DNSRecord.Key: DNSRecord] = [:]
        for record in lab.records where record.zone.caseInsensitiveEquals(target.zone) && record.view == target.view {
            let dns = DNSRecord(name: record.fqdn, type: record.type, value: record.value, ttl: record.ttl, proxied: record.proxied)
            result[dns.key] = dns
        }
        if target.view == .internal {
            for allocation in lab.allocations {
                guard let name = allocation.dns, DesiredRecords.name(name, isIn: target.zone) else { continue }
                let dns = DNSRecord(name: name, type: allocation.address.family == .v4 ? .a : .aaaa, value: allocation.address.description)
                result[dns.key] = result[dns.key] ?? dns
            }
        }
        if target.view == .internal {
            for record in external where DesiredRecords.name(record.fqdn, isIn: target.zone) {
                guard let type = RecordType(rawValue: record.type) else { continue }
                let dns = DNSRecord(name: record.fqdn, type: type, value: record.value, ttl: type == .cname ? record.ttl : nil)
                result[dns.key] = result[dns.key] ?? dns
            }
        }
        return result.values.sorted()
    }

    /// Whether `name` is `zone` or lies below it.
    public static func name(_ name: String, isIn zone: String) -> Bool {
        let name = DNSRecord.normalizeName(name), zone = DNSRecord.normalizeName(zone)
        return name == zone || name.hasSuffix("." + zone)
    }
}
