/// How much of labdb's own data the inventory gives each host as variables.
public enum InventoryFacts: String, Sendable, CaseIterable {
    /// `ansible_host`, every `labdb_` fact (cluster, role, host, sizes, disks, addresses,
    /// DNS names, tags, ...) and the machine's attributes: the default.
    case full
    /// `ansible_host` and the machine's attributes only. Groups are the same. For very
    /// large labs: Ansible's own parse of the inventory is several times faster without
    /// the facts (measured by `scripts/bench-inventory --ansible`).
    case minimal
}
