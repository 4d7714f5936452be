/// How much of one resource a host allows, has committed, and how many VMs of a shape that leaves room for.
public struct ResourceHeadroom: Sendable, Hashable {
    public var resource: CapacityResource
    /// The most that may be committed: cores × vCPU target, RAM after the reserve × RAM ratio,
    /// a thick pool's size, a thin pool's size × its warning level, a range's size.
    public var limit: Int64
    /// Committed now.
    public var committed: Int64
    /// What one VM of the shape takes.
    public var perVM: Int64

    public init(resource: CapacityResource, limit: Int64, committed: Int64, perVM: Int64) {
        self.resource = resource; self.limit = limit; self.committed = committed; self.perVM = perVM
    }

    /// Limit minus committed (negative when already beyond the limit).
    public var headroom: Int64 { limit - committed }

    /// How many more VMs of the shape the resource has room for.
    public var fits: Int {
        guard perVM > 0 else { return Int.max }
        return headroom <= 0 ? 0 : Int(headroom / perVM)
    }
}
