/// A service to create while allocating to it (`labdb ip allocate RANGE --to NAME --new-service`):
/// the most common allocation in a lab, a LoadBalancer address for a Kubernetes service that is
/// not in the lab file yet. The service is created in the allocation's transaction (recorded in
/// the history, exported with the lab like any service); a failed allocation creates nothing.
public struct NewService: Sendable, Hashable, Codable {
    /// The cluster the service belongs to, by name; it must exist.
    public var cluster: String?
    /// What the service is (free text).
    public var description: String?

    /// A new service in `cluster` (if any) described by `description` (if any).
    public init(cluster: String? = nil, description: String? = nil) {
        self.cluster = cluster
        self.description = description
    }
}
