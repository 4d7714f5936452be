import LabIP

/// Checks a parsed lab as a whole: duplicates, references, address containment and overlaps.
/// Resolves each address's prefix and range on the way.
struct LabValidator {
    let problems: ProblemCollector
    let paths: ParsedLab.Paths

    /// Where the `index`-th object of `ref`'s kind was defined.
    private func path(_ ref: ObjectRef, index: Int) -> String {
        paths.path(kind: ref.kind, index: index)
    }

    func validate(_ parsed: ParsedLab) -> Lab {
        var lab = parsed.lab
        checkDuplicates(lab)
        checkPrefixesAndRanges(lab)
        checkMachines(lab)
        checkStorage(lab)
        checkClusters(lab)
        lab.allocations = resolveAllocations(parsed.allocations, in: lab)
        checkRecords(lab)
        checkDNSTargets(lab)
        return lab
    }

    private func checkDuplicates(_ lab: Lab) {
        func duplicates<T>(_ items: [T], ref: (T) -> ObjectRef, what: (T) -> String) {
            var seen: [String: Int] = [:]
            for (index, item) in items.enumerated() {
                let r = ref(item)
                if let first = seen[r.id] {
                    problems.add(path(r, index: index), "duplicate \(what(item)); it is already defined at \(path(r, index: first))")
                } else {
                    seen[r.id] = index
                }
            }
        }
        duplicates(lab.prefixes, ref: { .prefix($0.cidr) }, what: { "prefix \($0.cidr)" })
        duplicates(lab.ranges, ref: { .range($0.name) }, what: { "range name '\($0.name)'" })
        duplicates(lab.machines, ref: { .machine($0.name) }, what: { "machine name '\($0.name)' (hosts and vms share one namespace)" })
        duplicates(lab.pools, ref: { .pool(host: $0.host, name: $0.name) }, what: { "pool '\($0.name)' on host '\($0.host)'" })
        duplicates(lab.disks, ref: { .disk(machine: $0.machine, name: $0.name) }, what: { "disk '\($0.name)' of '\($0.machine)'" })
        duplicates(lab.clusters, ref: { .cluster($0.name) }, what: { "cluster name '\($0.name)'" })
        duplicates(lab.nodes, ref: { .node(cluster: $0.cluster, machine: $0.machine) }, what: { "node '\($0.machine)' in cluster '\($0.cluster)'" })
        duplicates(lab.services, ref: { .service($0.name) }, what: { "service name '\($0.name)'" })
        duplicates(lab.zones, ref: { .zone($0.name) }, what: { "zone '\($0.name)'" })
        duplicates(lab.dnsTargets, ref: { .dnsTarget($0.name) }, what: { "DNS target name '\($0.name)'" })
        duplicates(lab.groups, ref: { .group($0.name) }, what: { "group '\($0.name)'" })
        duplicates(lab.records, ref: { .record($0) }, what: { "record \($0.fqdn) \($0.type.rawValue) \($0.value) (\($0.view.rawValue))" })
        var prefixNames: [String: IPNetwork] = [:]
        for (index, prefix) in lab.prefixes.enumerated() {
            guard let name = prefix.name else { continue }
            if let other = prefixNames[name.lowercased()] {
                problems.add(path(.prefix(prefix.cidr), index: index) + ".name", "duplicate prefix name '\(name)'; prefix \(other) already uses it")
            }
            prefixNames[name.lowercased()] = prefix.cidr
        }
    }

    private func checkPrefixesAndRanges(_ lab: Lab) {
        for (index, prefix) in lab.prefixes.enumerated() {
            if let gateway = prefix.gateway, !prefix.cidr.contains(gateway) {
                problems.add(path(.prefix(prefix.cidr), index: index) + ".gateway", "gateway \(gateway) is outside prefix \(prefix.cidr)")
            }
        }
        for (index, range) in lab.ranges.enumerated() {
            let rangePath = path(.range(range.name), index: index)
            for (position, cluster) in range.clusters.enumerated() where !lab.clusters.contains(where: { $0.name.caseInsensitiveEquals(cluster) }) {
                let hint = Suggestion.closest(to: cluster, in: lab.clusters.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
                problems.add("\(rangePath).clusters[\(position)]", "range '\(range.name)' serves unknown cluster '\(cluster)'\(hint)")
            }
            if !range.prefix.contains(range.first) || !range.prefix.contains(range.last) {
                problems.add(rangePath, "range '\(range.name)' (\(range.bounds)) lies outside its prefix \(range.prefix)")
            }
            // A nested, more specific prefix inside the range: its network and broadcast (or
            // IPv6 subnet-router anycast) addresses must never be handed out from the range.
            for nested in lab.prefixes where nested.cidr.family == range.family && nested.cidr.length > range.prefix.length {
                for special in nested.cidr.reserved where range.bounds.contains(special) {
                    let name = nested.name.map { "prefix '\($0)' (\(nested.cidr))" } ?? "prefix \(nested.cidr)"
                    let role = IPAllocator.role(of: special, in: nested.cidr)
                    problems.add(rangePath, "range '\(range.name)' (\(range.bounds)) contains \(special), \(role) of \(name), which must never be allocated; "
                                 + "end the range before it, or define the range under that prefix")
                    break
                }
            }
        }
        // Overlaps: sort by start, compare neighbours (and keep the furthest end seen).
        let sorted = lab.ranges.enumerated().sorted { $0.element.first < $1.element.first }
        var widest: (index: Int, range: AddressRange)?
        for (index, range) in sorted {
            if let previous = widest?.range, previous.bounds.overlaps(range.bounds) {
                problems.add(path(.range(range.name), index: index),
                             "range '\(range.name)' (\(range.bounds)) overlaps range '\(previous.name)' (\(previous.bounds))")
            }
            if widest == nil || widest!.range.family != range.family || widest!.range.last < range.last { widest = (index, range) }
        }
    }

    private func checkMachines(_ lab: Lab) {
        let byName = Dictionary(lab.machines.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        for (index, machine) in lab.machines.enumerated() where machine.kind.isGuest {
            guard let host = machine.host else { continue }
            let hostPath = path(.machine(machine.name), index: index) + ".host"
            guard let target = byName[host.lowercased()] else {
                let hint = Suggestion.closest(to: host, in: lab.machines.filter { !$0.kind.isGuest }.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
                problems.add(hostPath, "\(machine.kind.rawValue) '\(machine.name)' is placed on unknown host '\(host)'\(hint)")
                continue
            }
            if target.kind.isGuest {
                problems.add(hostPath, "\(machine.kind.rawValue) '\(machine.name)' is placed on '\(host)', which is itself a guest, not a host")
            }
        }
    }

    private func checkStorage(_ lab: Lab) {
        let machines = Dictionary(lab.machines.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let pools = Set(lab.pools.map { ObjectRef.pool(host: $0.host, name: $0.name).id })
        for (index, disk) in lab.disks.enumerated() {
            guard let pool = disk.pool, let machine = machines[disk.machine.lowercased()] else { continue }
            let hostName = machine.kind.isGuest ? (machine.host ?? "") : machine.name
            if !pools.contains(ObjectRef.pool(host: hostName, name: pool).id) {
                let candidates = lab.pools.filter { $0.host.caseInsensitiveEquals(hostName) }.map(\.name)
                let hint = Suggestion.closest(to: pool, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
                let known = candidates.isEmpty ? "it has no pools" : "its pools: \(candidates.sorted().joined(separator: ", "))"
                problems.add(path(.disk(machine: disk.machine, name: disk.name), index: index) + ".pool",
                             "disk '\(disk.name)' of '\(disk.machine)' is in unknown pool '\(pool)' on host '\(hostName)'\(hint); \(known)")
            }
        }
    }

    private func checkClusters(_ lab: Lab) {
        let machines = Set(lab.machines.map { $0.name.lowercased() })
        for (index, node) in lab.nodes.enumerated() where !machines.contains(node.machine.lowercased()) {
            let hint = Suggestion.closest(to: node.machine, in: lab.machines.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
            problems.add(path(.node(cluster: node.cluster, machine: node.machine), index: index) + ".machine",
                         "cluster '\(node.cluster)' names unknown machine '\(node.machine)'\(hint)")
        }
        let clusters = Set(lab.clusters.map { $0.name.lowercased() })
        for (index, service) in lab.services.enumerated() {
            if let cluster = service.cluster, !clusters.contains(cluster.lowercased()) {
                problems.add(path(.service(service.name), index: index) + ".cluster", "service '\(service.name)' names unknown cluster '\(cluster)'")
            }
        }
    }

    private func resolveAllocations(_ specs: [AllocationSpec], in lab: Lab) -> [Allocation] {
        var seen: [IPAddress: Int] = [:]
        var result: [Allocation] = []
        result.reserveCapacity(specs.count)
        let rangesByName = Dictionary(lab.ranges.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        for (index, spec) in specs.enumerated() {
            let ipPath = spec.path + ".ip"
            if let other = seen[spec.address] {
                problems.add(ipPath, "address \(spec.address) is allocated twice (also at \(specs[other].path))")
                continue
            }
            seen[spec.address] = index
            guard let prefix = lab.prefixes.filter({ $0.cidr.contains(spec.address) }).max(by: { $0.cidr.length < $1.cidr.length }) else {
                let known = lab.prefixes.map(\.cidr.description).joined(separator: ", ")
                problems.add(ipPath, "address \(spec.address) of \(spec.holder) is outside every prefix (\(known.isEmpty ? "none defined" : known))")
                continue
            }
            if !prefix.cidr.usable.contains(spec.address) {
                let what = spec.address == prefix.cidr.first ? "the network address" : "the broadcast address"
                problems.add(ipPath, "address \(spec.address) of \(spec.holder) is \(what) of \(prefix.cidr) and cannot be assigned")
                continue
            }
            let containing = lab.ranges.first { $0.bounds.contains(spec.address) }
            if let wanted = spec.range {
                guard let range = rangesByName[wanted.lowercased()] else {
                    let hint = Suggestion.closest(to: wanted, in: lab.ranges.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
                    problems.add(spec.path + ".range", "unknown range '\(wanted)'\(hint)")
                    continue
                }
                if !range.bounds.contains(spec.address) {
                    problems.add(ipPath, "address \(spec.address) of \(spec.holder) is outside its range '\(range.name)' (\(range.bounds))")
                    continue
                }
            }
            result.append(Allocation(address: spec.address, holder: spec.holder, prefix: prefix.cidr, range: containing?.name,
                                     dns: spec.dns, description: spec.description, position: spec.position))
        }
        return result
    }

    private func checkRecords(_ lab: Lab) {
        for (index, record) in lab.records.enumerated() {
            let recordPath = path(.record(record), index: index)
            switch record.type {
            case .a:
                if IPAddress(record.value)?.family != .v4 { problems.add(recordPath + ".value", "A record \(record.fqdn) needs an IPv4 address, not '\(record.value)'") }
            case .aaaa:
                if IPAddress(record.value)?.family != .v6 { problems.add(recordPath + ".value", "AAAA record \(record.fqdn) needs an IPv6 address, not '\(record.value)'") }
            case .cname:
                if !NameRules.isValidHostname(record.value) || IPAddress(record.value) != nil {
                    problems.add(recordPath + ".value", "CNAME record \(record.fqdn) needs a host name, not '\(record.value)'")
                }
                if record.name == "@" { problems.add(recordPath + ".name", "a CNAME cannot stand at the zone apex (\(record.zone))") }
            }
            if record.proxied && record.view == .internal {
                problems.add(recordPath + ".proxied", "record \(record.fqdn) is internal; only public (Cloudflare) records can be proxied")
            }
        }
        // A CNAME owns its name: no other record of the same name in the same view (RFC 1034 3.6.2;
        // Cloudflare refuses it with 81053, dnsmasq would shadow one of them).
        var byName: [String: [Int]] = [:]
        for (index, record) in lab.records.enumerated() { byName["\(record.view.rawValue) \(record.fqdn.lowercased())", default: []].append(index) }
        for indices in byName.values where indices.count > 1 {
            for index in indices where lab.records[index].type == .cname {
                let record = lab.records[index]
                let others = indices.filter { $0 != index }.map { "\(lab.records[$0].type.rawValue) \(lab.records[$0].value)" }
                problems.add(path(.record(record), index: index),
                             "CNAME record \(record.fqdn) (\(record.view.rawValue)) cannot share its name with other records (\(others.joined(separator: ", "))); a CNAME must be the only record of its name")
            }
        }
    }

    private func checkDNSTargets(_ lab: Lab) {
        let zones = lab.zones.map(\.name)
        for (index, target) in lab.dnsTargets.enumerated() where !zones.contains(where: { $0.caseInsensitiveEquals(target.zone) }) {
            let hint = Suggestion.closest(to: target.zone, in: zones).map { " (did you mean '\($0)'?)" } ?? ""
            problems.add(path(.dnsTarget(target.name), index: index) + ".zone", "DNS target '\(target.name)' names unknown zone '\(target.zone)'\(hint); add it under zones:")
        }
    }
}
