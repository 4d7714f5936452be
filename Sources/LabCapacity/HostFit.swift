/// One candidate host in a fit answer: its headroom per resource before placing, and what was placed on it.
public struct HostFit: Sendable, Hashable {
    public var host: String
    public var cores: Int
    /// Headroom per resource before placing anything (vcpu, ram, then each pool the shape needs).
    public var resources: [ResourceHeadroom]
    /// Why the host can take no VM of the shape at all (a missing pool, too few cores); nil when it can.
    public var excluded: String?
    /// VMs of the request placed on the host.
    public var placed: Int

    public init(host: String, cores: Int, resources: [ResourceHeadroom], excluded: String?, placed: Int = 0) {
        self.host = host; self.cores = cores; self.resources = resources; self.excluded = excluded; self.placed = placed
    }

    /// How many VMs of the shape the host takes, before placing.
    public var fitsBefore: Int {
        excluded != nil ? 0 : resources.map(\.fits).min() ?? 0
    }

    /// How many more the host takes after the request's VMs were placed.
    public var fitsAfter: Int { max(0, fitsBefore - placed) }

    /// The resources that allow the fewest VMs (what runs out first on this host); empty when excluded.
    public var limitedBy: [CapacityResource] {
        guard excluded == nil else { return [] }
        let least = fitsBefore
        return resources.filter { $0.fits == least }.map(\.resource)
    }
}
