import LabIP
import LabModel

/// Places new VMs on the lab's hosts within the limits: a pure function of a `Lab`.
///
/// Each VM goes, one by one, to the host with the most headroom for the shape (the most
/// further VMs of the shape it could take; ties go to the host with more RAM headroom,
/// then to the first by name), which spreads VMs across hosts. Limits per host: vCPUs up
/// to cores × the vCPU target, no VM with more vCPUs than the host's cores, RAM up to what
/// is left after the reserve × the RAM ratio, a thick pool up to its size, a thin pool up
/// to its warning level.
public struct FitPlanner: Sendable {
    /// The committed figures placement starts from.
    public let report: CapacityReport
    /// Pools by lower-cased `host/pool`.
    private let poolsByKey: [String: PoolUsage]

    /// A planner for `lab` under `limits`.
    public init(lab: Lab, limits: CapacityLimits = CapacityLimits()) {
        self.init(report: CapacityReport(lab: lab, limits: limits))
    }

    /// A planner starting from `report` (and its limits).
    public init(report: CapacityReport) {
        self.report = report
        self.poolsByKey = Dictionary(report.pools.map { (CapacityReport.poolKey(host: $0.host, pool: $0.name), $0) },
                                     uniquingKeysWith: { first, _ in first })
    }

    var limits: CapacityLimits { report.limits }

    /// Answers `request`; throws for questions that cannot be answered (an unknown pool, host or
    /// range, a VM larger than every host, no host with resources, bad limits or shape).
    public func plan(_ request: FitRequest) throws(CapacityError) -> FitResult {
        try limits.validate()
        try request.shape.validate()
        if request.count < 1 { throw CapacityError.invalidShape("--count must be at least 1 (got \(request.count))") }

        var notes: [String] = []
        let candidates = try candidateHosts(request.hosts, notes: &notes)
        let usable = candidates.filter(\.hasResources)
        for host in candidates where !host.hasResources {
            notes.append("\(host.name): no cpus or ram recorded, so it cannot be planned on; set them in the lab file")
        }
        guard !usable.isEmpty else { throw CapacityError.noHostsWithResources(skipped: candidates.map(\.name)) }

        let shape = request.shape
        for need in shape.poolNeeds where !usable.contains(where: { pool(need.pool, on: $0.name) != nil }) {
            let names = Set(report.pools.map(\.name))
            throw CapacityError.unknownPool(name: need.pool, suggestion: Suggestion.closest(to: need.pool, in: names.sorted()))
        }
        if let largest = usable.max(by: { ($0.cores ?? 0, $1.name) < ($1.cores ?? 0, $0.name) }), let cores = largest.cores, shape.cpus > cores {
            throw CapacityError.tooManyVCPUs(cpus: shape.cpus, largestHost: largest.name, cores: cores)
        }

        var rangeCheck: RangeCheck?
        if let name = request.range {
            guard let range = report.ranges.first(where: { $0.name.caseInsensitiveEquals(name) }) else {
                throw CapacityError.unknownRange(name: name, suggestion: Suggestion.closest(to: name, in: report.ranges.map(\.name)))
            }
            rangeCheck = RangeCheck(range: range.name, size: range.size, used: range.used, needed: request.count)
        }

        var hosts = usable.map { hostFit($0, shape: shape) }
        if hosts.allSatisfy({ $0.excluded != nil }) {
            let pools = shape.poolNeeds.map(\.pool)
            notes.append(pools.count > 1
                ? "no single host has all of the pools \(pools.joined(separator: ", ")) with enough cores; see each host's reason"
                : "no host can take a VM of this shape; see each host's reason")
        }
        var placements: [String] = []
        let wanted = min(request.count, rangeCheck?.freeCount ?? Int.max)
        var queue = PlacementQueue(hosts.indices.filter { hosts[$0].fitsAfter > 0 }.map { entry(hosts[$0], index: $0) })
        while placements.count < wanted, let best = queue.pop() {
            hosts[best.index].placed += 1
            placements.append(hosts[best.index].host)
            if hosts[best.index].fitsAfter > 0 { queue.push(entry(hosts[best.index], index: best.index)) }
        }
        return FitResult(request: request, limits: limits, hosts: hosts, placements: placements, range: rangeCheck, notes: notes)
    }

    /// The queue entry of `host`: VMs it can still take, then RAM left once its placed VMs are counted.
    private func entry(_ host: HostFit, index: Int) -> PlacementQueue.Entry {
        let ram = host.resources.first { $0.resource == .ram }
        let headroom = ram.map { $0.headroom - Int64(host.placed) * $0.perVM } ?? 0
        return PlacementQueue.Entry(fits: host.fitsAfter, ramHeadroom: headroom, index: index)
    }

    /// The hosts named in `names`, or every enabled VM host; disabled hosts are left out with a note.
    private func candidateHosts(_ names: [String], notes: inout [String]) throws(CapacityError) -> [HostUsage] {
        var hosts: [HostUsage]
        if names.isEmpty {
            hosts = report.hosts.filter(\.isVMHost)
            if hosts.isEmpty { throw CapacityError.noHostsWithResources(skipped: []) }
        } else {
            hosts = []
            for name in names {
                guard let host = report.host(named: name) else {
                    throw CapacityError.unknownHost(name: name, suggestion: Suggestion.closest(to: name, in: report.hosts.map(\.name)))
                }
                if !hosts.contains(host) { hosts.append(host) }
            }
            hosts.sort { $0.name.nameKey < $1.name.nameKey }
        }
        for host in hosts where !host.enabled { notes.append("\(host.name): disabled, so no VMs are placed on it") }
        let enabled = hosts.filter(\.enabled)
        if enabled.isEmpty { throw CapacityError.noHostsWithResources(skipped: hosts.map(\.name)) }
        return enabled
    }

    private func pool(_ name: String, on host: String) -> PoolUsage? {
        poolsByKey[CapacityReport.poolKey(host: host, pool: name)]
    }

    /// The headroom of `host` for `shape`, before placing.
    func hostFit(_ host: HostUsage, shape: VMShape) -> HostFit {
        let cores = host.cores ?? 0
        let vcpuLimit = Int64((Double(cores) * limits.vcpuTarget).rounded(.down))
        let ramLimit = Int64((Double(host.ramAvailable ?? 0) * limits.ramRatio).rounded(.down))
        var resources = [
            ResourceHeadroom(resource: .vcpu, limit: vcpuLimit, committed: Int64(host.vcpusCommitted), perVM: Int64(shape.cpus)),
            ResourceHeadroom(resource: .ram, limit: ramLimit, committed: host.ramCommitted, perVM: shape.ram.bytes),
        ]
        var excluded: String?
        if shape.cpus > cores { excluded = "the VM's \(shape.cpus) vCPUs exceed its \(cores) cores" }
        for need in shape.poolNeeds {
            guard let pool = pool(need.pool, on: host.name) else {
                excluded = excluded ?? "it has no pool \(need.pool)"
                resources.append(ResourceHeadroom(resource: .disk(pool: need.pool), limit: 0, committed: 0, perVM: need.bytes))
                continue
            }
            let limit = pool.thin ? Int64((Double(pool.size.bytes) * limits.thinWarn).rounded(.down)) : pool.size.bytes
            resources.append(ResourceHeadroom(resource: .disk(pool: pool.name), limit: limit, committed: pool.allocated, perVM: need.bytes))
        }
        return HostFit(host: host.name, cores: cores, resources: resources, excluded: excluded)
    }
}
