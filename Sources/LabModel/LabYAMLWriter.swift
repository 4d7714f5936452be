import LabIP

/// Writes a lab as a lab file (YAML), in the layout of `docs/lab-file.md`:
/// keys in a fixed order, lists sorted, empty values left out. Deterministic.
public struct LabYAMLWriter {
    /// A writer.
    public init() {}

    /// The YAML text of `lab`.
    public func write(_ lab: Lab) -> String {
        write(lab, revision: nil)
    }

    /// The YAML text of `lab` with `revision`, the database's revision it was exported at
    /// (`labdb import` then refuses to undo changes made after it).
    public func write(_ lab: Lab, revision: Int64?) -> String {
        let lab = lab.normalized()
        let index = LabYAMLIndex(lab)
        var out = YAMLText()
        out.line(0, "# labdb lab file: `labdb import` applies it, `labdb export` writes it (docs/lab-file.md).")
        if let revision {
            out.line(0, "# The database's last change when exported: import refuses to undo later changes unless --force.")
            out.line(0, "revision: \(revision)")
        }
        if !lab.prefixes.isEmpty {
            out.line(0, "prefixes:")
            for p in lab.prefixes {
                out.item(1, "cidr", p.cidr.description)
                out.field(2, "name", p.name)
                out.field(2, "gateway", p.gateway?.description)
                out.field(2, "description", p.description)
                let ranges = index.ranges[p.cidr] ?? []
                if !ranges.isEmpty {
                    out.line(2, "ranges:")
                    for r in ranges {
                        out.item(3, "name", r.name)
                        out.field(4, "first", r.first.description)
                        out.field(4, "last", r.last.description)
                        out.field(4, "purpose", r.purpose.rawValue)
                        out.field(4, "description", r.description)
                        if !r.clusters.isEmpty { out.raw(4, "clusters", "[" + r.clusters.map(YAMLText.scalar).joined(separator: ", ") + "]") }
                    }
                }
            }
        }
        let hosts = lab.machines.filter { !$0.kind.isGuest }
        let guests = lab.machines.filter { $0.kind.isGuest }
        if !hosts.isEmpty {
            out.line(0, "hosts:")
            for m in hosts { writeMachine(m, index: index, into: &out) }
        }
        if !guests.isEmpty {
            out.line(0, "vms:")
            for m in guests { writeMachine(m, index: index, into: &out) }
        }
        if !lab.clusters.isEmpty {
            out.line(0, "clusters:")
            for c in lab.clusters {
                out.item(1, "name", c.name)
                out.field(2, "distribution", c.distribution)
                out.field(2, "description", c.description)
                let nodes = index.nodes[c.name.lowercased()] ?? []
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
                writeAddresses(index.addresses[.service(s.name)] ?? [], into: &out)
            }
        }
        if !lab.zones.isEmpty {
            out.line(0, "zones:")
            for z in lab.zones {
                out.item(1, "name", z.name)
                out.field(2, "description", z.description)
                let records = index.records[z.name.lowercased()] ?? []
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

    private func writeMachine(_ m: Machine, index: LabYAMLIndex, into out: inout YAMLText) {
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
        let addresses = index.addresses[.machine(m.name)] ?? []
        writeAddresses(addresses, into: &out)
        if !m.kind.isGuest {
            let pools = index.pools[m.name.lowercased()] ?? []
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
        let disks = index.disks[m.name.lowercased()] ?? []
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
        if isPlain(value) { return value }
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

extension YAMLText {
    /// Whether `value` can be written without quotes and read back as the same text:
    /// ASCII letters, digits and `_./@:+- ` only, starting with a letter, digit, `_` or `/`,
    /// not a number, a YAML keyword or anything with a `: ` in it or a space or `:` at the end.
    /// Checked on the UTF-8 bytes (Character properties and Foundation's `contains` made an
    /// export of 10,000 machines spend most of its time here).
    static func isPlain(_ value: String) -> Bool {
        let bytes = value.utf8
        func letterOrDigit(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || isDigit(byte)
        }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard let first = bytes.first, letterOrDigit(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: "/") else { return false }
        let punctuation: [UInt8] = Array("_./@:+- ".utf8)
        guard bytes.allSatisfy({ letterOrDigit($0) || punctuation.contains($0) }) else { return false }
        // From here the text is ASCII.
        let lowered = value.lowercased()
        let numeric = Double(value) != nil || bytes.allSatisfy { isDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "_") }
            || lowered.hasPrefix("0x") || lowered.hasPrefix("0o")
        if numeric || reserved.contains(lowered) { return false }
        if bytes.last == UInt8(ascii: " ") || bytes.last == UInt8(ascii: ":") { return false }
        var previous: UInt8 = 0
        for byte in bytes {
            if previous == UInt8(ascii: ":") && byte == UInt8(ascii: " ") { return false }
            previous = byte
        }
        return true
    }
}

extension String {
    var leftPad2: String { count >= 2 ? self : "0" + self }
}

/// A lab's objects grouped by their owner, once, in the lab's order: writing each machine's
/// addresses, pools and disks by filtering the whole lab made an export of 10,000 machines
/// take 17 s.
private struct LabYAMLIndex {
    let addresses: [Holder: [Allocation]]
    let ranges: [IPNetwork: [AddressRange]]
    /// By lower-cased host, machine, cluster and zone name (names are case-insensitive).
    let pools: [String: [Pool]]
    let disks: [String: [Disk]]
    let nodes: [String: [ClusterNode]]
    let records: [String: [Record]]

    init(_ lab: Lab) {
        addresses = Dictionary(grouping: lab.allocations, by: \.holder)
        ranges = Dictionary(grouping: lab.ranges, by: \.prefix)
        pools = Dictionary(grouping: lab.pools) { $0.host.lowercased() }
        disks = Dictionary(grouping: lab.disks) { $0.machine.lowercased() }
        nodes = Dictionary(grouping: lab.nodes) { $0.cluster.lowercased() }
        records = Dictionary(grouping: lab.records) { $0.zone.lowercased() }
    }
}

/// YAML text for other exporters (MetalLB manifests): a value as a plain or quoted scalar,
/// as the lab file writer writes it.
public enum YAMLScalar {
    /// `value` as a YAML scalar that reads back as the same string.
    public static func text(_ value: String) -> String { YAMLText.scalar(value) }
}
