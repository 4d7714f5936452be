/// What an import that arrives over the network (the HTTP API) may not do, whoever holds
/// the token: change a field that makes labdb run a program, write a file or send the DNS
/// secrets elsewhere, or empty a large part of the lab by accident. The command line on the
/// host that holds the database is not limited this way.
public struct RemoteImportPolicy: Sendable {
    /// DNS target fields that name a program to run, a file to write, or where the sync
    /// sends its credentials.
    public static let hostOnlyFields: Set<String> = ["reload_command", "hosts_file", "cname_file", "url"]
    /// The share of the lab's objects an import may delete without `force`.
    public static let deleteShare = 0.30
    /// Labs smaller than this are not held to the share.
    public static let minimumObjects = 10

    public init() {}

    /// Why `plan` may not be applied from the network, or nil when it may.
    /// - Parameters:
    ///   - objectCount: how many objects the lab holds now.
    ///   - force: whether the caller accepted a large deletion.
    public func refusal(of plan: ImportPlan, objectCount: Int, force: Bool) -> String? {
        let touched = plan.changes.filter { change in
            guard case .dnsTarget = change.object else { return false }
            return change.action == .delete || change.fields.contains { RemoteImportPolicy.hostOnlyFields.contains($0.name) }
        }
        if let first = touched.first {
            let fields = first.fields.map(\.name).filter { RemoteImportPolicy.hostOnlyFields.contains($0) }
            let what = fields.isEmpty ? "deletes it" : "sets " + fields.joined(separator: ", ")
            return "the lab file changes \(first.object) (\(what)): DNS targets' commands, files and URLs can only be changed with `labdb import` on the host that holds the database"
        }
        let deletes = plan.changes.filter { $0.action == .delete }.count
        if !force, objectCount >= RemoteImportPolicy.minimumObjects, Double(deletes) > Double(objectCount) * RemoteImportPolicy.deleteShare {
            let percent = Int((Double(deletes) / Double(objectCount) * 100).rounded())
            return "the import would delete \(deletes) of the lab's \(objectCount) objects (\(percent)%, more than \(Int(RemoteImportPolicy.deleteShare * 100))%); check the plan and send force=true to apply it"
        }
        return nil
    }

    /// How many objects `lab` holds, as the share counts them.
    public static func objectCount(of lab: Lab) -> Int {
        lab.prefixes.count + lab.ranges.count + lab.machines.count + lab.pools.count + lab.disks.count + lab.clusters.count
            + lab.nodes.count + lab.services.count + lab.allocations.count + lab.zones.count + lab.records.count
            + lab.dnsTargets.count + lab.groups.count
    }
}
