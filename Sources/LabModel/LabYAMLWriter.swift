import LabIP

/// Writes a lab as a lab file (YAML), in the layout of `docs/lab-file.md`:
/// keys in a fixed order, lists sorted, empty values left out. Deterministic.
public struct LabYAMLWriter {
    /// A writer.
    public init() {}

    /// The YAML text of `lab`.
    public func write(_ lab: Lab) -> String {
        let lab = lab.normalized()
        var out = YAMLText()
        out.line(0, "# labdb lab file: `labdb import` applies it, `labdb export` writes it (docs/lab-file.md).")
        if !lab.prefixes.isEmpty {
            out.line(0, "prefixes:")
            for p in lab.prefixes {
                out.item(1, "cidr", p.cidr.description)
                out.field(2, "name", p.name)
                out.field(2, "gateway", p.gateway?.description)
                out.field(2, "description", p.description)
                let ranges = lab.ranges.filter { $0.prefix == p.cidr }
                if !ranges.isEmpty {
                    out.line(2, "ranges:")
                    for r in ranges {
                        out.item(3, "name", r.name)
                        out.field(4, "first", r.first.description)
                        out.field(4, "last", r.last.description)
                        out.field(4, "purpose", r.purpose.rawValue)
                        out.field(4, "description", r.description)
                    }
                }
            }
        }
        let hosts = lab.machines.filter { !$0.kind.isGuest }
        let guests = lab.machines.filter { $0.kind.isGuest }
        if !hosts.isEmpty {
            out.line(0, "hosts:")
            for m in hosts { writeMachine(m, lab: lab, into: &out) }
        }
        if !guests.isEmpty {
            out.line(0, "vms:")
            for m in guests { writeMachine(m, lab: lab, into: &out) }
        }
        if !lab.clusters.isEmpty {
            out.line(0, "clusters:")
            for c in lab.clusters {
                out.item(1, "name", c.name)
                out.field(2, "distribution", c.distribution)
                out.field(2, "description", c.description)
                let nodes = lab.nodes.filter { $0.cluster.caseInsensitiveEquals(c.name) }
                if !nodes.isEmpty {
                    out.line(2, "nodes:")
                    for n in nodes {
                        out.item(3, "machine", n.machine)
                        out.field(4, "role", n.role.rawValue)
                    }
                }
            }
        }
        if !lab.services.isEmpty {
            out.line(0, "services:")
            for s in lab.services {
                out.item(1, "name", s.name)
                out.field(2, "cluster", s.cluster)
                out.field(2, "description", s.description)
                writeAddresses(lab.allocations.filter { $0.holder == .service(s.name) }, into: &out)
            }
        }
        if !lab.zones.isEmpty {
            out.line(0, "zones:")
            for z in lab.zones {
                out.item(1, "name", z.name)
                out.field(2, "description", z.description)
                let records = lab.records.filter { $0.zone.caseInsensitiveEquals(z.name) }
                if !records.isEmpty {
                    out.line(2, "records:")
                    for r in records {
                        out.item(3, "name", r.name)
                        out.field(4, "type", r.type.rawValue)
                        out.field(4, "value", r.value)
                        out.field(4, "view", r.view.rawValue)
                        out.raw(4, "ttl", r.ttl.map(String.init))
                        if r.proxied { out.raw(4, "proxied", "true") }
                    }
                }
            }
        }
        if !lab.dnsTargets.isEmpty {
            out.line(0, "dns_targets:")
            for t in lab.dnsTargets {
                out.item(1, "name", t.name)
                out.field(2, "kind", t.kind.rawValue)
                out.field(2, "zone", t.zone)
                out.field(2, "view", t.view.rawValue)
                out.field(2, "url", t.url)
                out.field(2, "hosts_file", t.hostsFile)
                out.field(2, "cname_file", t.cnameFile)
                out.field(2, "reload_command", t.reloadCommand)
                out.field(2, "description", t.description)
            }
        }
        writeGroups(lab.groups, into: &out)
        return out.text
    }

    private func writeMachine(_ m: Machine, lab: Lab, into out: inout YAMLText) {
        out.item(1, "name", m.name)
        if m.kind.isGuest {
            out.field(2, "type", m.kind.rawValue)
            out.field(2, "host", m.host)
        } else {
            out.field(2, "kind", m.kind.rawValue)
        }
        out.field(2, "model", m.model)
        out.raw(2, "cpus", m.cpus.map(String.init))
        out.field(2, "ram", m.ram?.compact)
        out.field(2, "ram_reserve", m.ramReserve?.compact)
        if !m.enabled { out.raw(2, "enabled", "false") }
        out.field(2, "description", m.description)
        if !m.tags.isEmpty { out.raw(2, "tags", "[" + m.tags.map(YAMLText.scalar).joined(separator: ", ") + "]") }
        if !m.attributes.isEmpty {
            out.line(2, "attributes:")
            for (key, value) in m.attributes.sorted(by: { $0.key < $1.key }) { out.field(3, key, value) }
        }
        // Holder order: position first, so the primary address stays first.
        let addresses = lab.allocations.filter { $0.holder == .machine(m.name) }
        writeAddresses(addresses, into: &out)
        if !m.kind.isGuest {
            let pools = lab.pools.filter { $0.host.caseInsensitiveEquals(m.name) }
            if !pools.isEmpty {
                out.line(2, "pools:")
                for p in pools {
                    out.item(3, "name", p.name)
                    out.field(4, "type", p.type.rawValue)
                    out.field(4, "size", p.size.compact)
                    if p.thin != p.type.thinByDefault { out.raw(4, "thin", String(p.thin)) }
                    out.field(4, "description", p.description)
                }
            }
        }
        let disks = lab.disks.filter { $0.machine.caseInsensitiveEquals(m.name) }
        if !disks.isEmpty {
            out.line(2, "disks:")
            for d in disks {
                out.item(3, "name", d.name)
                out.field(4, "size", d.size.compact)
                out.field(4, "pool", d.pool)
                out.field(4, "media", d.media?.rawValue)
            }
        }
    }

    private func writeAddresses(_ allocations: [Allocation], into out: inout YAMLText) {
        guard !allocations.isEmpty else { return }
        out.line(2, "addresses:")
        for a in allocations.sorted(by: { ($0.position, $0.address) < ($1.position, $1.address) }) {
            out.item(3, "ip", a.address.description)
            out.field(4, "dns", a.dns)
            out.field(4, "description", a.description)
        }
    }
}

/// Accumulates YAML lines with two-space indentation and safe scalar quoting.
struct YAMLText {
    private(set) var text = ""

    mutating func line(_ depth: Int, _ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    /// `key: value` with `value` quoted when needed; nothing when nil.
    mutating func field(_ depth: Int, _ key: String, _ value: String?) {
        guard let value else { return }
        line(depth, "\(YAMLText.scalar(key)): \(YAMLText.scalar(value))")
    }

    /// `key: value` with `value` written as is (numbers, booleans, flow lists).
    mutating func raw(_ depth: Int, _ key: String, _ value: String?) {
        guard let value else { return }
        line(depth, "\(key): \(value)")
    }

    /// The first `key: value` of a list item, at `depth` (the dash one level in).
    mutating func item(_ depth: Int, _ key: String, _ value: String) {
        line(depth, "- \(YAMLText.scalar(key)): \(YAMLText.scalar(value))")
    }

    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ""]

    /// A scalar that reads back as the same string in any YAML 1.1 or 1.2 parser.
    static func scalar(_ value: String) -> String {
        let safeFirst = value.first.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "/") } ?? false
        let safeRest = value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_./@:+- ".contains($0)) }
        let numeric = Double(value) != nil || value.allSatisfy { $0.isNumber || $0 == ":" || $0 == "_" }
            || value.lowercased().hasPrefix("0x") || value.lowercased().hasPrefix("0o")
        let plain = safeFirst && safeRest && !numeric && !reserved.contains(value.lowercased())
            && !value.hasSuffix(" ") && !value.contains(": ") && !value.hasSuffix(":") && !value.contains(" #")
        if plain { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    quoted += "\\x" + String(scalar.value, radix: 16).leftPad2
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }
}

extension String {
    var leftPad2: String { count >= 2 ? self : "0" + self }
}
