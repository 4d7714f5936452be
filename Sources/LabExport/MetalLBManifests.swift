import LabIP
import LabModel

/// MetalLB's `IPAddressPool` (metallb.io/v1beta1) for each load-balancer range of the lab
/// (those that serve `cluster`, when one is named) and one `L2Advertisement` announcing them.
/// A range that serves several clusters is written `autoAssign: false`: two MetalLB
/// instances must not hand out the same address, so each Service takes the address labdb
/// allocated to it (`metallb.universe.tf/loadBalancerIPs`).
public struct MetalLBManifests: Sendable {
    /// One pool: its name in the cluster, the range it comes from, and its settings.
    public struct Pool: Sendable, Equatable {
        public let name: String
        public let range: String
        public let addresses: String
        public let autoAssign: Bool
        public let clusters: [String]
    }

    /// The namespace MetalLB runs in.
    public static let namespace = "metallb-system"

    public let cluster: String?
    public let pools: [Pool]

    /// The manifests of `lab`'s load-balancer ranges that serve `cluster` (all of them when nil).
    public init(lab: Lab, cluster: String?) throws(MetalLBError) {
        var name = cluster
        if let cluster {
            guard let match = lab.clusters.first(where: { $0.name.caseInsensitiveEquals(cluster) }) else {
                throw .unknownCluster(name: cluster, suggestion: Suggestion.closest(to: cluster, in: lab.clusters.map(\.name)))
            }
            name = match.name
        }
        let ranges = lab.ranges.filter { range in
            range.purpose == .loadBalancer && (name.map { wanted in range.clusters.contains { $0.caseInsensitiveEquals(wanted) } } ?? true)
        }
        guard !ranges.isEmpty else { throw .noPool(cluster: name) }
        self.cluster = name
        pools = ranges.sorted { $0.first < $1.first }.map { range in
            Pool(name: "labdb-" + range.name.lowercased(), range: range.name, addresses: "\(range.first)-\(range.last)",
                 autoAssign: range.clusters.count <= 1, clusters: range.clusters)
        }
    }

    /// The manifests as one YAML stream (documents separated by `---`).
    public var yaml: String {
        var out = "# MetalLB pools from labdb" + (cluster.map { " for cluster \($0)" } ?? "")
            + ". Generated: run `labdb export --metallb" + (cluster.map { " --cluster \($0)" } ?? "") + "` again rather than edit.\n"
        for pool in pools {
            out += """
                ---
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata:
                  name: \(pool.name)
                  namespace: \(Self.namespace)
                  labels:
                    app.kubernetes.io/managed-by: labdb
                  annotations:
                    labdb/range: \(YAMLScalar.text(pool.range))
                    labdb/clusters: \(YAMLScalar.text(pool.clusters.joined(separator: ",")))
                spec:
                  addresses:
                    - \(pool.addresses)
                  autoAssign: \(pool.autoAssign)

                """
        }
        out += """
            ---
            apiVersion: metallb.io/v1beta1
            kind: L2Advertisement
            metadata:
              name: labdb
              namespace: \(Self.namespace)
              labels:
                app.kubernetes.io/managed-by: labdb
            spec:
              ipAddressPools:

            """
        for pool in pools { out += "    - \(pool.name)\n" }
        return out
    }

    /// The manifests as a Kubernetes `List` in JSON (`kubectl apply -f` takes it too).
    public var json: String {
        func quoted(_ text: String) -> String { JSONWriter.quote(text) }
        let metadata = { (name: String, annotations: String) in
            "{\"annotations\":{\(annotations)},\"labels\":{\"app.kubernetes.io/managed-by\":\"labdb\"},\"name\":\(quoted(name)),\"namespace\":\(quoted(Self.namespace))}"
        }
        var items = pools.map { pool in
            "{\"apiVersion\":\"metallb.io/v1beta1\",\"kind\":\"IPAddressPool\",\"metadata\":"
                + metadata(pool.name, "\"labdb/clusters\":\(quoted(pool.clusters.joined(separator: ","))),\"labdb/range\":\(quoted(pool.range))")
                + ",\"spec\":{\"addresses\":[\(quoted(pool.addresses))],\"autoAssign\":\(pool.autoAssign)}}"
        }
        items.append("{\"apiVersion\":\"metallb.io/v1beta1\",\"kind\":\"L2Advertisement\",\"metadata\":" + metadata("labdb", "")
                     + ",\"spec\":{\"ipAddressPools\":[" + pools.map { quoted($0.name) }.joined(separator: ",") + "]}}")
        return "{\"apiVersion\":\"v1\",\"items\":[\n" + items.joined(separator: ",\n") + "\n],\"kind\":\"List\"}\n"
    }
}

/// Why MetalLB manifests could not be written.
public enum MetalLBError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownCluster(name: String, suggestion: String?)
    case noPool(cluster: String?)

    public var description: String {
        switch self {
        case .unknownCluster(let name, let suggestion):
            return "no cluster named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; see `labdb query clusters`")
        case .noPool(let cluster):
            return cluster.map { "no load-balancer range serves cluster '\($0)'; add `clusters: [\($0)]` to a range with purpose load-balancer in the lab file" }
                ?? "the lab has no range with purpose load-balancer"
        }
    }
}
