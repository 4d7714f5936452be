import LabIP

/// A reference to one object of the lab by its natural key.
public enum ObjectRef: Sendable, Hashable, CustomStringConvertible {
    case prefix(IPNetwork)
    case range(String)
    case machine(String)
    case pool(host: String, name: String)
    case disk(machine: String, name: String)
    case cluster(String)
    case node(cluster: String, machine: String)
    case service(String)
    case allocation(IPAddress)
    case zone(String)
    case record(Record)
    case dnsTarget(String)
    case group(String)

    /// A stable identity (kind and lower-cased key).
    public var id: String { "\(kind):\(key.lowercased())" }

    /// The kind of object, as the plan prints it.
    public var kind: String {
        switch self {
        case .prefix: return "prefix"
        case .range: return "range"
        case .machine: return "machine"
        case .pool: return "pool"
        case .disk: return "disk"
        case .cluster: return "cluster"
        case .node: return "node"
        case .service: return "service"
        case .allocation: return "address"
        case .zone: return "zone"
        case .record: return "record"
        case .dnsTarget: return "dns-target"
        case .group: return "group"
        }
    }

    /// The natural key, as the plan prints it.
    public var key: String {
        switch self {
        case .prefix(let cidr): return cidr.description
        case .range(let name), .machine(let name), .cluster(let name), .service(let name), .zone(let name), .dnsTarget(let name), .group(let name): return name
        case .pool(let host, let name): return "\(host)/\(name)"
        case .disk(let machine, let name): return "\(machine)/\(name)"
        case .node(let cluster, let machine): return "\(cluster)/\(machine)"
        case .allocation(let address): return address.description
        case .record(let r): return "\(r.fqdn) \(r.view.rawValue) \(r.type.rawValue) \(r.value)"
        }
    }

    public var description: String { "\(kind) \(key)" }
}
