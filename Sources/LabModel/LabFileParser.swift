import Foundation
import LabIP

/// An address as a lab file states it, before its prefix and range are resolved.
struct AllocationSpec {
    private let compactPath: CompactPath
    let address: IPAddress
    let holder: Holder
    let range: String?
    let dns: String?
    let description: String?
    let position: Int

    init(path: String, address: IPAddress, holder: Holder, range: String?, dns: String?, description: String?, position: Int) {
        compactPath = CompactPath(path)
        self.address = address
        self.holder = holder
        self.range = range
        self.dns = dns
        self.description = description
        self.position = position
    }

    /// Where the address was stated (`vms[3].addresses[0]`).
    var path: String { compactPath.description }
}

/// The result of reading a lab file: the objects, and where each came from.
struct ParsedLab {
    var lab = Lab()
    /// `revision:`, the database revision an export was made at.
    var revision: Int64?
    var allocations: [AllocationSpec] = []
    /// Where each object was defined.
    var paths = Paths()

    /// Sizes the lists that the machines' mappings fill, so that a large file does not grow
    /// them by doubling (each doubling holds the old and the new array at once).
    mutating func reserveCapacity(forMachines machines: [YAMLNode]) {
        let disks = machines.reduce(0) { $0 + $1.itemCount(under: "disks") }
        let pools = machines.reduce(0) { $0 + $1.itemCount(under: "pools") }
        lab.machines.reserveCapacity(machines.count)
        lab.disks.reserveCapacity(disks)
        lab.pools.reserveCapacity(pools)
        allocations.reserveCapacity(machines.reduce(0) { $0 + $1.itemCount(under: "addresses") })
        paths.reserveCapacity(kind: ObjectRef.machine("").kind, machines.count)
        paths.reserveCapacity(kind: ObjectRef.disk(machine: "", name: "").kind, disks)
        paths.reserveCapacity(kind: ObjectRef.pool(host: "", name: "").kind, pools)
    }

    /// Notes where the object `ref`, the `index`-th of its kind, was defined.
    mutating func remember(_ ref: ObjectRef, index: Int, path: String) {
        paths.remember(kind: ref.kind, index: index, path: path)
    }

    /// The key path of each object (`vms[3]`, `hosts[0].pools[1]`), by kind in the order of
    /// the lab's lists. (Kept by object identity, two entries per object, these paths took
    /// more memory than the lab itself.)
    struct Paths {
        private var byKind: [String: [CompactPath]] = [:]

        mutating func remember(kind: String, index: Int, path: String) {
            assert(byKind[kind, default: []].count == index, "paths are noted in the order of the lab's lists")
            byKind[kind, default: []].append(CompactPath(path))
        }

        mutating func reserveCapacity(kind: String, _ count: Int) {
            byKind[kind, default: []].reserveCapacity(count)
        }

        /// Where the `index`-th object of `kind` was defined; empty if it was not noted.
        func path(kind: String, index: Int) -> String {
            guard let paths = byKind[kind], paths.indices.contains(index) else { return "" }
            return paths[index].description
        }
    }
}

/// Reads a lab file (YAML) into a `Lab`, checking keys and types.
///
/// The format is described in `docs/lab-file.md`.
public struct LabFileParser {
    /// The name used in messages (the file path).
    public let file: String

    /// A parser whose messages name `file`.
    public init(file: String) { self.file = file }

    /// Parses and validates `text`; throws `LabFileError` listing every problem.
    public func parse(_ text: String) throws -> Lab {
        try parseFile(text).lab
    }

    /// Parses and validates `text`, keeping the `revision:` an export wrote (nil in a
    /// hand-written file).
    public func parseFile(_ text: String) throws -> LabFile {
        try parseFile(LabFileSource(text: text))
    }

    private func parseFile(_ source: LabFileSource) throws -> LabFile {
        let problems = ProblemCollector(file: file)
        var parsed = read(source, problems: problems)
        let revision = parsed.revision
        guard problems.problems.isEmpty else { throw LabFileError(problems: problems.sorted) }
        var lab = LabValidator(problems: problems, paths: parsed.paths).validate(parsed)
        // The lab's lists are sorted in place once nothing else holds them.
        parsed = ParsedLab()
        if !problems.problems.isEmpty { throw LabFileError(problems: problems.sorted) }
        lab.normalize()
        return LabFile(lab: lab, revision: revision)
    }

    /// Reads the file at `path`, keeping its revision.
    public static func loadFile(path: String) throws -> LabFile {
        let source: LabFileSource
        do {
            source = try LabFileSource(path: path)
        } catch {
            throw LabFileError(problems: [LabFileProblem(file: path, line: nil, column: nil, path: "", message: "cannot read the file (\(error.localizedDescription))")])
        }
        return try LabFileParser(file: path).parseFile(source)
    }

    /// Reads the file at `path`.
    public static func load(path: String) throws -> Lab {
        try loadFile(path: path).lab
    }

    func read(_ source: LabFileSource, problems: ProblemCollector) -> ParsedLab {
        var parsed = ParsedLab()
        let document: (tree: YAMLTree, findings: [YAMLExpansion.Finding])
        do {
            document = try YAMLComposer.compose(source.firstText)
        } catch {
            problems.add("", error.message, mark: error.mark)
            return parsed
        }
        for finding in document.findings {
            let problem = finding.problem
            problems.add("", problem.message, mark: problem.mark)
        }
        if !document.findings.isEmpty { return parsed }
        guard let root = document.tree.rootNode else { return parsed }  // an empty file is an empty lab
        problems.reading(root)
        // The tree holds what reading needs: text that can be read again goes before the lab
        // is built, not after.
        source.release()
        defer { problems.doneReading(source) }
        guard let top = YAMLMapping(root, path: "", keys: ["revision", "prefixes", "hosts", "vms", "clusters", "services", "zones", "dns_targets", "groups"], problems: problems) else {
            return parsed
        }
        parsed.revision = top.int("revision", range: 0...Int.max).map(Int64.init)
        for (path, node) in top.list("prefixes") { readPrefix(node, path: path, into: &parsed, problems: problems) }
        let hosts = top.list("hosts"), vms = top.list("vms")
        parsed.reserveCapacity(forMachines: hosts.map(\.node) + vms.map(\.node))
        for (path, node) in hosts { readMachine(node, path: path, guest: false, into: &parsed, problems: problems) }
        for (path, node) in vms { readMachine(node, path: path, guest: true, into: &parsed, problems: problems) }
        for (path, node) in top.list("clusters") { readCluster(node, path: path, into: &parsed, problems: problems) }
        for (path, node) in top.list("services") { readService(node, path: path, into: &parsed, problems: problems) }
        for (path, node) in top.list("zones") { readZone(node, path: path, into: &parsed, problems: problems) }
        for (path, node) in top.list("dns_targets") { readDNSTarget(node, path: path, into: &parsed, problems: problems) }
        for (path, node) in top.list("groups") { readGroup(node, path: path, into: &parsed, problems: problems) }
        return parsed
    }

    private func readPrefix(_ node: YAMLNode, path: String, into parsed: inout ParsedLab, problems: ProblemCollector) {
        guard let map = YAMLMapping(node, path: path, keys: ["cidr", "name", "gateway", "description", "ranges"], problems: problems) else { return }
        let name = map.name("name", required: false)
        let gateway = map.address("gateway")
        let description = map.string("description")
        let ranges = map.list("ranges")
        guard let cidr = map.network("cidr", required: true) else { return }
        let prefix = Prefix(cidr: cidr, name: name, gateway: gateway, description: description)
        parsed.remember(.prefix(cidr), index: parsed.lab.prefixes.count, path: path)
        parsed.lab.prefixes.append(prefix)
        for (rangePath, rangeNode) in ranges {
            guard let r = YAMLMapping(rangeNode, path: rangePath, keys: ["name", "first", "last", "purpose", "description", "clusters"], problems: problems) else { continue }
            let rangeName = r.name("name")
            let first = r.address("first", required: true)
            let last = r.address("last", required: true)
            let purpose = r.choice("purpose", RangePurpose.self, required: true)
            let rangeDescription = r.string("description")
            // Sorted, as the database returns them, so that an export re-imports as no change.
            let clusters = r.strings("clusters").sorted { $0.lowercased() < $1.lowercased() }
            guard let rangeName, let first, let last, let purpose else { continue }
            guard first.family == last.family, first <= last else {
                problems.add(rangePath, "range '\(rangeName)': first \(first) must not come after last \(last), and both must be of one family")
                continue
            }
            parsed.remember(.range(rangeName), index: parsed.lab.ranges.count, path: rangePath)
            parsed.lab.ranges.append(AddressRange(name: rangeName, prefix: cidr, first: first, last: last, purpose: purpose, description: rangeDescription,
                                                  clusters: clusters))
        }
    }

    private func readMachine(_ node: YAMLNode, path: String, guest: Bool, into parsed: inout ParsedLab, problems: ProblemCollector) {
        let common = ["name", "model", "cpus", "ram", "enabled", "description", "tags", "attributes", "addresses", "disks"]
        let keys = guest ? common + ["type", "host"] : common + ["kind", "ram_reserve", "pools"]
        guard let map = YAMLMapping(node, path: path, keys: keys, problems: problems) else { return }
        let name = map.name("name")
        let kind: MachineKind?
        if guest {
            let type = map.string("type") ?? "vm"
            kind = MachineKind.guests.first { $0.rawValue == type }
            if kind == nil { problems.add(map.child("type"), "'\(type)' is not allowed (one of: vm, lxc)") }
        } else {
            let text = map.string("kind", required: true)
            kind = text.flatMap { text in MachineKind.physical.first { $0.rawValue == text } }
            if let text, kind == nil {
                let allowed = MachineKind.physical.map(\.rawValue)
                let hint = Suggestion.closest(to: text, in: allowed).map { "did you mean '\($0)'? " } ?? ""
                problems.add(map.child("kind"), "'\(text)' is not allowed; \(hint)(one of: \(allowed.joined(separator: ", ")))")
            }
        }
        let host = guest ? map.name("host") : nil
        let model = map.string("model")
        let cpus = map.int("cpus", range: 1...4096)
        let ram = map.size("ram")
        let reserve = guest ? nil : map.size("ram_reserve")
        let enabled = map.bool("enabled") ?? true
        let description = map.string("description")
        let tags = map.strings("tags")
        for (index, tag) in tags.enumerated() where !NameRules.isValidName(tag) {
            problems.add("\(map.child("tags"))[\(index)]", "'\(tag)' is not a valid tag (letters, digits, '.', '_', '-')")
        }
        let attributes = map.dictionary("attributes")
        guard let name, let kind else { return }
        let ref = ObjectRef.machine(name)
        parsed.remember(ref, index: parsed.lab.machines.count, path: path)
        parsed.lab.machines.append(Machine(name: name, kind: kind, host: host, model: model, cpus: cpus, ram: ram, ramReserve: reserve,
                                           enabled: enabled, description: description, tags: tags, attributes: attributes))
        readAddresses(map, holder: .machine(name), into: &parsed, problems: problems)
        if !guest {
            for (poolPath, poolNode) in map.list("pools") {
                guard let p = YAMLMapping(poolNode, path: poolPath, keys: ["name", "type", "size", "thin", "description"], problems: problems) else { continue }
                let poolName = p.name("name")
                let type = p.choice("type", PoolType.self, required: true)
                let size = p.size("size", required: true)
                let thin = p.bool("thin")
                let poolDescription = p.string("description")
                guard let poolName, let type, let size else { continue }
                let poolRef = ObjectRef.pool(host: name, name: poolName)
                parsed.remember(poolRef, index: parsed.lab.pools.count, path: poolPath)
                parsed.lab.pools.append(Pool(host: name, name: poolName, type: type, size: size, thin: thin ?? type.thinByDefault, description: poolDescription))
            }
        }
        for (diskPath, diskNode) in map.list("disks") {
            guard let d = YAMLMapping(diskNode, path: diskPath, keys: ["name", "size", "pool", "media"], problems: problems) else { continue }
            let diskName = d.name("name")
            let size = d.size("size", required: true)
            let pool = d.name("pool", required: false)
            let media = d.choice("media", DiskMedia.self)
            guard let diskName, let size else { continue }
            let diskRef = ObjectRef.disk(machine: name, name: diskName)
            parsed.remember(diskRef, index: parsed.lab.disks.count, path: diskPath)
            parsed.lab.disks.append(Disk(machine: name, name: diskName, size: size, pool: pool, media: media))
        }
    }

    private func readAddresses(_ map: YAMLMapping, holder: Holder, into parsed: inout ParsedLab, problems: ProblemCollector) {
        for (position, (addressPath, addressNode)) in map.list("addresses").enumerated() {
            guard let a = YAMLMapping(addressNode, path: addressPath, keys: ["ip", "dns", "range", "description"], problems: problems) else { continue }
            let address = a.address("ip", required: true)
            let dns = a.string("dns")
            let range = a.name("range", required: false)
            let description = a.string("description")
            if let dns, !NameRules.isValidHostname(dns.trailingDotRemoved) {
                problems.add(a.child("dns"), "'\(dns)' is not a valid DNS name")
                continue
            }
            guard let address else { continue }
            parsed.allocations.append(AllocationSpec(path: addressPath, address: address, holder: holder, range: range,
                                                     dns: dns?.trailingDotRemoved.lowercased(), description: description, position: position))
        }
    }

    private func readCluster(_ node: YAMLNode, path: String, into parsed: inout ParsedLab, problems: ProblemCollector) {
        guard let map = YAMLMapping(node, path: path, keys: ["name", "distribution", "description", "nodes"], problems: problems) else { return }
        let name = map.name("name")
        let distribution = map.string("distribution")
        let description = map.string("description")
        let nodes = map.list("nodes")
        guard let name else { return }
        let ref = ObjectRef.cluster(name)
        parsed.remember(ref, index: parsed.lab.clusters.count, path: path)
        parsed.lab.clusters.append(Cluster(name: name, distribution: distribution, description: description))
        for (nodePath, nodeNode) in nodes {
            guard let n = YAMLMapping(nodeNode, path: nodePath, keys: ["machine", "role"], problems: problems) else { continue }
            let machine = n.name("machine")
            let role = n.choice("role", NodeRole.self, required: true)
            guard let machine, let role else { continue }
            let nodeRef = ObjectRef.node(cluster: name, machine: machine)
            parsed.remember(nodeRef, index: parsed.lab.nodes.count, path: nodePath)
            parsed.lab.nodes.append(ClusterNode(cluster: name, machine: machine, role: role))
        }
    }

    private func readService(_ node: YAMLNode, path: String, into parsed: inout ParsedLab, problems: ProblemCollector) {
        guard let map = YAMLMapping(node, path: path, keys: ["name", "cluster", "description", "addresses"], problems: problems) else { return }
        let name = map.name("name")
        let cluster = map.name("cluster", required: false)
        let description = map.string("description")
        guard let name else { return }
        let ref = ObjectRef.service(name)
        parsed.remember(ref, index: parsed.lab.services.count, path: path)
        parsed.lab.services.append(Service(name: name, cluster: cluster, description: description))
        readAddresses(map, holder: .service(name), into: &parsed, problems: problems)
    }

    private func readZone(_ node: YAMLNode, path: String, into parsed: inout ParsedLab, problems: ProblemCollector) {
        guard let map = YAMLMapping(node, path: path, keys: ["name", "description", "records"], problems: problems) else { return }
        let name = map.string("name", required: true)?.trailingDotRemoved.lowercased()
        let description = map.string("description")
        let records = map.list("records")
        guard let name else { return }
        guard NameRules.isValidHostname(name) else {
            problems.add(map.child("name"), "'\(name)' is not a valid zone name")
            return
        }
        let ref = ObjectRef.zone(name)
        parsed.remember(ref, index: parsed.lab.zones.count, path: path)
        parsed.lab.zones.append(Zone(name: name, description: description))
        for (recordPath, recordNode) in records {
            guard let r = YAMLMapping(recordNode, path: recordPath, keys: ["name", "type", "value", "view", "ttl", "proxied"], problems: problems) else { continue }
            let recordName = r.string("name", required: true)?.lowercased()
            let type = r.choice("type", RecordType.self, required: true)
            let value = r.string("value", required: true)
            let view = r.choice("view", RecordView.self, required: true)
            let ttl = r.int("ttl", range: 60...86400)
            let proxied = r.bool("proxied") ?? false
            guard let recordName, let type, let value, let view else { continue }
            guard recordName == "@" || NameRules.isValidHostname(recordName, allowWildcard: true), !recordName.hasSuffix(".") else {
                problems.add(r.child("name"), "'\(recordName)' is not a valid record name (relative to the zone; '@' for the apex, '*.sub' for a wildcard)")
                continue
            }
            let record = Record(zone: name, name: recordName, type: type, value: type == .cname ? value.trailingDotRemoved.lowercased() : value,
                                view: view, ttl: ttl, proxied: proxied)
            let recordRef = ObjectRef.record(record)
            parsed.remember(recordRef, index: parsed.lab.records.count, path: recordPath)
            parsed.lab.records.append(record)
        }
    }
}

extension String {
    var trailingDotRemoved: String { hasSuffix(".") ? String(dropLast()) : self }
}
