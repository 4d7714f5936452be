import LabTestSupport

/// Random `add records`, `delete records`, `add ranges`, `add prefixes` and `add pools`
/// statements over the seed lab's names and addresses, valid and invalid alike: duplicate
/// records, a CNAME next to other records, an A record with an IPv6 value, proxied
/// internal records, unknown zones, overlapping ranges, ranges outside their prefix or
/// holding a nested prefix's network address, duplicate names, gateways outside their
/// prefix, pools on unknown hosts or guests.
enum RandomEdit {
    static func statement(using random: inout SplitMix64) -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<3: return record(using: &random)
        case 3: return deleteRecord(using: &random)
        case 4, 5: return range(using: &random)
        case 6, 7: return prefix(using: &random)
        default: return pool(using: &random)
        }
    }

    static let zones = ["mathiaswouters.com", "MathiasWouters.com", "lab.mathiaswouters.com", "nozone.example"]
    static let recordNames = ["www", "api", "nas", "gitlab", "x.lab", "x", "@", "*.apps", "WWW", "a b"]
    static let values = ["192.168.1.5", "192.168.1.10", "192.168.1.199", "10.0.0.9", "2001:db8::1", "nas.lab", "example.pages.dev",
                         "ingress.mgmt.lab.mathiaswouters.com", "bad_host!"]

    static func record(using random: inout SplitMix64) -> String {
        var fields = ["zone = \(zones.randomElement(using: &random)!)",
                      "type = \(["A", "AAAA", "CNAME", "cname"].randomElement(using: &random)!)",
                      "value = '\(values.randomElement(using: &random)!)'",
                      "view = \(["internal", "public"].randomElement(using: &random)!)"]
        if Bool.random(using: &random) { fields.append("ttl = \([300, 30, 3600].randomElement(using: &random)!)") }
        if Int.random(in: 0..<4, using: &random) == 0 { fields.append("proxied = \(Bool.random(using: &random))") }
        return "add records '\(recordNames.randomElement(using: &random)!)' " + fields.joined(separator: ", ")
    }

    static func deleteRecord(using random: inout SplitMix64) -> String {
        let name = ["www", "api", "nas", "gitlab", "x.lab", "x", "*.apps"].randomElement(using: &random)!
        let zone = ["mathiaswouters.com", "lab.mathiaswouters.com"].randomElement(using: &random)!
        let filter = ["", " view = public", " view = internal", " type = A", " type = CNAME"].randomElement(using: &random)!
        return "delete records '\(name).\(zone)'" + filter
    }

    static let addresses = ["192.168.1.70", "192.168.1.75", "192.168.1.80", "192.168.1.95", "192.168.1.99", "192.168.1.105", "192.168.1.151",
                            "192.168.1.200", "192.168.1.254", "10.20.0.1", "10.20.0.10", "10.20.0.127", "10.20.0.200", "10.20.1.5"]

    static func range(using random: inout SplitMix64) -> String {
        var bounds = [addresses.randomElement(using: &random)!, addresses.randomElement(using: &random)!]
        if Int.random(in: 0..<4, using: &random) > 0 {
            bounds.sort { $0.split(separator: ".").map { Int($0)! }.lexicographicallyPrecedes($1.split(separator: ".").map { Int($0)! }) }
        }
        var fields = ["first = \(bounds[0])", "last = \(bounds[1])", "purpose = \(["static", "dhcp", "reserved"].randomElement(using: &random)!)"]
        if Int.random(in: 0..<3, using: &random) == 0 { fields.append("prefix = \(["home", "lab", "nope", "half"].randomElement(using: &random)!)") }
        let name = Bool.random(using: &random) ? ["spare", "metallb", "Spare"].randomElement(using: &random)! : "r\(Int.random(in: 0..<40, using: &random))"
        return "add ranges \(name) " + fields.joined(separator: ", ")
    }

    static func prefix(using random: inout SplitMix64) -> String {
        let cidr = ["10.20.0.0/24", "10.20.0.0/25", "10.20.0.128/25", "192.168.1.64/28", "192.168.1.96/28", "192.168.1.192/26", "192.168.1.0/25",
                    "192.168.0.0/16", "192.168.1.5/32", "fd00:20::/64", "10.20.0.0/16"].randomElement(using: &random)!
        var fields = ["cidr = \(cidr)"]
        if Bool.random(using: &random) { fields.append("gateway = \(["10.20.0.1", "192.168.1.65", "10.41.0.1", "192.168.1.193"].randomElement(using: &random)!)") }
        let name = Bool.random(using: &random) ? ["lab", "home", "half"].randomElement(using: &random)! : "p\(Int.random(in: 0..<40, using: &random))"
        return "add prefixes \(name) " + fields.joined(separator: ", ")
    }

    static func pool(using random: inout SplitMix64) -> String {
        var fields = ["host = \(["z440", "Z440", "router", "edge-pi-01", "gitlab", "z44"].randomElement(using: &random)!)",
                      "type = \(["zfs", "dir", "lvm-thin"].randomElement(using: &random)!)",
                      "size = \(["10G", "1T"].randomElement(using: &random)!)"]
        if Bool.random(using: &random) { fields.append("thin = \(Bool.random(using: &random))") }
        return "add pools \(["fast", "local-lvm", "data", "FAST"].randomElement(using: &random)!) " + fields.joined(separator: ", ")
    }
}
