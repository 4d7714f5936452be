/// "Can `count` more VMs of `shape` be placed?", optionally needing addresses from `range`
/// and restricted to `hosts`.
public struct FitRequest: Sendable, Hashable {
    public var shape: VMShape
    public var count: Int
    /// A range that must have `count` free addresses.
    public var range: String?
    /// Hosts to consider; empty means every enabled VM host (see `HostUsage.isVMHost`).
    public var hosts: [String]

    public init(shape: VMShape, count: Int = 1, range: String? = nil, hosts: [String] = []) {
        self.shape = shape; self.count = count; self.range = range; self.hosts = hosts
    }
}
