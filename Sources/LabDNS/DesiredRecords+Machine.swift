import LabModel

extension DesiredRecords {
    /// The records `dns plan` would publish that point at `machine`: per zone and view, the
    /// desired A/AAAA records whose value is one of its addresses, and CNAMEs to its names.
    public func published(for machine: MachineDetail) -> [(view: RecordView, record: DNSRecord)] {
        let addresses = Set(machine.addresses.map(\.address))
        var names = Set(machine.addresses.compactMap { $0.dnsName?.lowercased() })
        var found: [(RecordView, DNSRecord)] = []
        for zone in lab.zones {
            for view in RecordView.allCases {
                let target = DNSTarget(name: "page", kind: .piholeAPI, zone: zone.name, view: view, url: "http://127.0.0.1")
                let records = records(for: target)
                for record in records where (record.type != .cname && addresses.contains(record.value)) {
                    found.append((view, record))
                    names.insert(record.name.lowercased())
                }
                for record in records where record.type == .cname && names.contains(record.value.lowercased().trimmingSuffix(".")) {
                    found.append((view, record))
                }
            }
        }
        return found
    }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
