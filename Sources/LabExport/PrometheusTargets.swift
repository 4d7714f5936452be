import LabIP
import LabModel

/// Prometheus file-based service discovery (`file_sd_configs`) from a lab: one target
/// group per enabled machine that has an address, scraping a node exporter at
/// `PRIMARY-ADDRESS:port`, labelled with the machine, its kind, cluster, role and the
/// host it runs on (labels without a value are left out, as Prometheus treats them).
public struct PrometheusTargets: Sendable {
    /// The node exporter's port.
    public let port: Int
    /// One entry per target group, sorted by machine name.
    public let entries: [JSONValue]

    /// The targets of `lab`, at `port` (9100 is node_exporter's default).
    public init(lab: Lab, port: Int = 9100) {
        self.port = port
        let index = MachineIndex(lab: lab)
        var entries: [JSONValue] = []
        for machine in lab.machines where machine.enabled {
            guard let address = index.primaryAddress(of: machine) else { continue }
            let target = address.family == .v6 ? "[\(address)]:\(port)" : "\(address):\(port)"
            var labels: [String: JSONValue] = ["machine": .string(machine.name), "kind": .string(machine.kind.rawValue)]
            if let node = index.membership(of: machine) {
                labels["cluster"] = .string(node.cluster)
                labels["role"] = .string(node.role.rawValue)
            }
            if let host = machine.host { labels["host"] = .string(host) }
            entries.append(.object(["targets": .array([.string(target)]), "labels": .object(labels)]))
        }
        self.entries = entries
    }

    /// The file_sd JSON document (an array of target groups), indented.
    public var json: String { JSONWriter(pretty: true).write(.array(entries)) }
}
