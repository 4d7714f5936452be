import LabIP

/// The resources of a cluster's enabled nodes, added up.
public struct ClusterTotals: Sendable, Hashable {
    public var name: String
    /// Enabled nodes.
    public var nodes: Int
    /// vCPUs of guest nodes plus cores of physical nodes.
    public var cpus: Int
    /// RAM of the nodes, in bytes.
    public var ram: Int64
    /// Disks of the nodes, in bytes.
    public var disk: Int64
    /// The physical hosts the nodes run on (a physical node is its own host), sorted.
    public var hosts: [String]

    public init(name: String, nodes: Int, cpus: Int, ram: Int64, disk: Int64, hosts: [String]) {
        self.name = name; self.nodes = nodes; self.cpus = cpus; self.ram = ram; self.disk = disk; self.hosts = hosts
    }
}
