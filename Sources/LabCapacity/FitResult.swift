/// The answer to a fit request: where the VMs go, what runs out first, how many more fit.
public struct FitResult: Sendable, Hashable {
    public var request: FitRequest
    public var limits: CapacityLimits
    /// The hosts considered, in name order.
    public var hosts: [HostFit]
    /// The host of each placed VM, in placement order.
    public var placements: [String]
    /// The range the request needs addresses from, if any.
    public var range: RangeCheck?
    /// Hosts left out and other things to know, one sentence each.
    public var notes: [String]

    public init(request: FitRequest, limits: CapacityLimits, hosts: [HostFit], placements: [String], range: RangeCheck?, notes: [String]) {
        self.request = request; self.limits = limits; self.hosts = hosts; self.placements = placements
        self.range = range; self.notes = notes
    }

    /// Whether every requested VM was placed (and the range, if any, has an address for each).
    public var fits: Bool { placements.count == request.count && (range?.isEnough ?? true) }

    /// How many VMs of the shape fit now, before placing the request (hosts and range together).
    public var totalThatFit: Int {
        let onHosts = hosts.reduce(0) { $0 + $1.fitsBefore }
        return min(onHosts, range?.freeCount ?? Int.max)
    }

    /// How many more VMs of the shape fit once the request is placed.
    public var moreAfterRequest: Int { fits ? totalThatFit - request.count : 0 }

    /// Per resource, how many VMs of the shape it alone would allow across the hosts that can take the shape.
    public var resourceTotals: [(resource: CapacityResource, fits: Int)] {
        let eligible = hosts.filter { $0.excluded == nil }
        guard let first = eligible.first else { return range.map { [(.addresses(range: $0.range), $0.freeCount)] } ?? [] }
        var totals: [(resource: CapacityResource, fits: Int)] = first.resources.map { ($0.resource, 0) }
        for host in eligible {
            for (index, headroom) in host.resources.enumerated() { totals[index].fits += headroom.fits }
        }
        if let range { totals.append((.addresses(range: range.range), range.freeCount)) }
        return totals
    }

    /// The resources that allow the fewest VMs of the shape in total: what runs out first.
    public var runsOutFirst: [CapacityResource] {
        let totals = resourceTotals
        guard let least = totals.map(\.fits).min() else { return [] }
        return totals.filter { $0.fits == least }.map(\.resource)
    }

    /// One sentence: fits or not, where, and what runs out first.
    public var verdict: String {
        let one = request.count == 1
        let shape = "\(request.count) VM\(one ? "" : "s") of \(request.shape)"
        let first = runsOutFirst.map(\.description).joined(separator: " and ")
        let runsOut = first.isEmpty ? "" : "; \(first) run\(runsOutFirst.count == 1 ? "s" : "") out first"
        if fits {
            let hosts = Self.grouped(placements)
            return "\(shape) \(one ? "fits" : "fit") (\(hosts)); \(moreAfterRequest) more would fit after \(one ? "it" : "them")" + runsOut
        }
        var reasons: [String] = []
        if placements.count < request.count { reasons.append("\(placements.count) of \(request.count) can be placed") }
        if let range, !range.isEnough { reasons.append("range \(range.range) has only \(range.free) free address\(range.free == 1 ? "" : "es")") }
        return "\(shape) \(one ? "does" : "do") not fit: " + reasons.joined(separator: " and ") + runsOut
    }

    /// `a ×2, b` — hosts with their counts, in first-placement order.
    static func grouped(_ placements: [String]) -> String {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for host in placements {
            if counts[host] == nil { order.append(host) }
            counts[host, default: 0] += 1
        }
        return order.map { counts[$0]! > 1 ? "\($0) ×\(counts[$0]!)" : $0 }.joined(separator: ", ")
    }
}
