import Testing
@testable import LabModel

/// Each bad file gets one clear error naming file:line:column and the key path,
/// and the database it was imported into stays exactly as it was.
@Suite("Bad lab files")
struct BadLabFileTests {
    static let base = """
        prefixes:
          - cidr: 192.168.1.0/24
            ranges:
              - name: infra
                first: 192.168.1.20
                last: 192.168.1.29
                purpose: static
        hosts:
          - name: z440
            kind: server
            cpus: 12
            ram: 96G
            pools:
              - name: local-lvm
                type: lvm-thin
                size: 400G
        vms:
          - name: gitlab
            host: z440
            addresses:
              - ip: 192.168.1.25
            disks:
              - name: root
                size: 50G
                pool: local-lvm

        """

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let replace: String
        let with: String
        /// Expected start of the message: `bad.yaml:LINE:COLUMN: PATH: ...`.
        let location: String
        let message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "malformed YAML", replace: "    kind: server", with: "   kind: server", location: "bad.yaml:10:", message: "malformed YAML"),
        Case(name: "unknown key", replace: "    cpus: 12", with: "    cpus: 12\n    colour: red", location: "bad.yaml:12:5: hosts[0].colour", message: "unknown key 'colour'"),
        Case(name: "misspelt key", replace: "    host: z440", with: "    hots: z440", location: "bad.yaml:19:5: vms[0].hots", message: "did you mean 'host'?"),
        Case(name: "wrong type", replace: "cpus: 12", with: "cpus: twelve", location: "bad.yaml:11:11: hosts[0].cpus", message: "expected a whole number, found 'twelve'"),
        Case(name: "list where a mapping belongs", replace: "    ram: 96G", with: "    ram: [96G]", location: "bad.yaml:12:10: hosts[0].ram", message: "expected text, found a list"),
        Case(name: "invalid CIDR", replace: "192.168.1.0/24", with: "192.168.1.0/33", location: "bad.yaml:2:11: prefixes[0].cidr", message: "is not a CIDR network"),
        Case(name: "CIDR with host bits", replace: "192.168.1.0/24", with: "192.168.1.7/24", location: "bad.yaml:2:11: prefixes[0].cidr", message: "did you mean 192.168.1.0/24?"),
        Case(name: "invalid address", replace: "ip: 192.168.1.25", with: "ip: 192.168.1.300", location: "bad.yaml:21:13: vms[0].addresses[0].ip", message: "'192.168.1.300' is not an IPv4 or IPv6 address"),
        Case(name: "address outside its range", replace: "      - ip: 192.168.1.25", with: "      - ip: 192.168.1.55\n        range: infra",
             location: "bad.yaml:21:13: vms[0].addresses[0].ip", message: "192.168.1.55 of gitlab is outside its range 'infra' (192.168.1.20-192.168.1.29)"),
        Case(name: "address outside every prefix", replace: "ip: 192.168.1.25", with: "ip: 10.0.0.5", location: "bad.yaml:21:13: vms[0].addresses[0].ip",
             message: "address 10.0.0.5 of gitlab is outside every prefix (192.168.1.0/24)"),
        Case(name: "range outside its prefix", replace: "last: 192.168.1.29", with: "last: 192.168.2.29", location: "bad.yaml:4:9: prefixes[0].ranges[0]",
             message: "range 'infra' (192.168.1.20-192.168.2.29) lies outside its prefix 192.168.1.0/24"),
        Case(name: "overlapping ranges", replace: "        purpose: static", with: "        purpose: static\n      - name: more\n        first: 192.168.1.25\n        last: 192.168.1.35\n        purpose: cluster",
             location: "bad.yaml:8:9: prefixes[0].ranges[1]", message: "range 'more' (192.168.1.25-192.168.1.35) overlaps range 'infra' (192.168.1.20-192.168.1.29)"),
        Case(name: "duplicate names", replace: "  - name: gitlab", with: "  - name: z440", location: "bad.yaml:18:5: vms[0]", message: "duplicate machine name 'z440'"),
        Case(name: "VM on an unknown host", replace: "host: z440", with: "host: z404", location: "bad.yaml:19:11: vms[0].host", message: "vm 'gitlab' is placed on unknown host 'z404' (did you mean 'z440'?)"),
        Case(name: "disk in an unknown pool", replace: "        pool: local-lvm", with: "        pool: local-zfs", location: "bad.yaml:25:15: vms[0].disks[0].pool",
             message: "disk 'root' of 'gitlab' is in unknown pool 'local-zfs' on host 'z440'"),
        Case(name: "bad enum value", replace: "type: lvm-thin", with: "type: lvm-thick", location: "bad.yaml:15:15: hosts[0].pools[0].type", message: "'lvm-thick' is not allowed"),
        Case(name: "range over a nested prefix's network address",
             replace: "        purpose: static\n", with: "        purpose: static\n      - name: wide\n        first: 192.168.1.100\n        last: 192.168.1.200\n        purpose: dhcp\n  - cidr: 192.168.1.128/26\n    name: vlan9\n",
             location: "bad.yaml:8:9: prefixes[0].ranges[1]",
             message: "range 'wide' (192.168.1.100-192.168.1.200) contains 192.168.1.128, the network address of prefix 'vlan9' (192.168.1.128/26), which must never be allocated"),
        Case(name: "CNAME sharing its name with another record",
             replace: "vms:\n", with: "zones:\n  - name: example.com\n    records:\n      - name: www\n        type: A\n        value: 192.168.1.5\n        view: internal\n      - name: www\n        type: CNAME\n        value: x.example.org\n        view: internal\nvms:\n",
             location: "bad.yaml:24:9: zones[0].records[1]",
             message: "CNAME record www.example.com (internal) cannot share its name with other records (A 192.168.1.5)"),
        Case(name: "bad tag in a list of text", replace: "    host: z440", with: "    host: z440\n    tags: [web, 'bad tag']", location: "bad.yaml:20:17: vms[0].tags[1]",
             message: "'bad tag' is not a valid tag"),
        Case(name: "bad variable name under a mapping read as text", replace: "        pool: local-lvm\n",
             with: "        pool: local-lvm\ngroups:\n  - name: web_servers\n    vars:\n      ok_var: 1\n      9bad: 2\n",
             location: "bad.yaml:30:13: groups[0].vars.9bad", message: "'9bad' is not a valid Ansible variable name"),
        Case(name: "network address assigned", replace: "ip: 192.168.1.25", with: "ip: 192.168.1.0", location: "bad.yaml:21:13: vms[0].addresses[0].ip",
             message: "is the network address of 192.168.1.0/24"),
    ]

    @Test("the base file is valid")
    func baseIsValid() throws {
        let lab = try LabFileParser(file: "base.yaml").parse(Self.base)
        #expect(lab.machines.count == 2)
        #expect(lab.allocations.first?.range == "infra")
    }

    @Test("a bad file is refused with its location and the database is untouched", arguments: cases)
    func refused(_ bad: Case) throws {
        #expect(Self.base.contains(bad.replace), "test case does not apply")
        let text = Self.base.replacingOccurrences(of: bad.replace, with: bad.with)
        let test = try TestDatabase.seeded()
        let before = try test.fingerprint()
        let error = #expect(throws: LabFileError.self) {
            let lab = try LabFileParser(file: "bad.yaml").parse(text)
            try LabImporter(database: test.db).apply(lab)
        }
        let first = try #require(error?.problems.first?.description)
        #expect(first.hasPrefix(bad.location), "got: \(first)")
        #expect(first.contains(bad.message), "got: \(first)")
        #expect(try test.fingerprint() == before)
    }

    @Test("a failure while applying rolls the whole import back")
    func rollbackOnApplyFailure() throws {
        let test = try TestDatabase.seeded()
        let before = try test.fingerprint()
        var lab = try Lab(database: test.db)
        lab.machines.append(Machine(name: "new-vm", kind: .vm, host: "z440", cpus: 1))
        // A record the schema refuses (TTL below 60) slips past a hand-built Lab: the apply must fail whole.
        lab.records.append(Record(zone: "mathiaswouters.com", name: "bad", type: .a, value: "192.168.1.25", view: .internal, ttl: 5))
        #expect(throws: (any Error).self) { try LabImporter(database: test.db).apply(lab) }
        #expect(try test.fingerprint() == before)
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard let range = self.range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
