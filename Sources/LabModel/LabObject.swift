import LabIP

/// An object of the lab that a plan can create, update or delete.
protocol LabObject: Hashable, Sendable {
    /// Its natural key.
    var ref: ObjectRef { get }
    /// Its fields as display text, in a fixed order (for plans and history).
    var fields: [(String, String)] { get }
}

private func text(_ value: (any CustomStringConvertible)?) -> String { value.map { "\($0)" } ?? "" }

extension Prefix: LabObject {
    var ref: ObjectRef { .prefix(cidr) }
    var fields: [(String, String)] { [("name", text(name)), ("gateway", text(gateway)), ("description", text(description))] }
}
extension AddressRange: LabObject {
    var ref: ObjectRef { .range(name) }
    var fields: [(String, String)] {
        [("name", name), ("prefix", prefix.description), ("first", first.description), ("last", last.description),
         ("purpose", purpose.rawValue), ("description", text(description)), ("clusters", clusters.joined(separator: ","))]
    }
}
extension Machine: LabObject {
    var ref: ObjectRef { .machine(name) }
    var fields: [(String, String)] {
        [("name", name), ("kind", kind.rawValue), ("host", text(host)), ("model", text(model)), ("cpus", text(cpus)),
         ("ram", ram?.compact ?? ""), ("ram_reserve", ramReserve?.compact ?? ""), ("enabled", String(enabled)),
         ("description", text(description)), ("tags", tags.joined(separator: ",")),
         ("attributes", attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))]
    }
}
extension Pool: LabObject {
    var ref: ObjectRef { .pool(host: host, name: name) }
    var fields: [(String, String)] {
        [("name", name), ("type", type.rawValue), ("size", size.compact), ("thin", String(thin)), ("description", text(description))]
    }
}
extension Disk: LabObject {
    var ref: ObjectRef { .disk(machine: machine, name: name) }
    var fields: [(String, String)] { [("name", name), ("size", size.compact), ("pool", text(pool)), ("media", media?.rawValue ?? "")] }
}
extension Cluster: LabObject {
    var ref: ObjectRef { .cluster(name) }
    var fields: [(String, String)] { [("name", name), ("distribution", text(distribution)), ("description", text(description))] }
}
extension ClusterNode: LabObject {
    var ref: ObjectRef { .node(cluster: cluster, machine: machine) }
    var fields: [(String, String)] { [("role", role.rawValue)] }
}
extension Service: LabObject {
    var ref: ObjectRef { .service(name) }
    var fields: [(String, String)] { [("name", name), ("cluster", text(cluster)), ("description", text(description))] }
}
extension Allocation: LabObject {
    var ref: ObjectRef { .allocation(address) }
    var fields: [(String, String)] {
        [("holder", holder.name.map { _ in holder.description } ?? ""), ("range", text(range)), ("prefix", prefix.description),
         ("dns", text(dns)), ("description", text(description)), ("position", String(position))]
    }
}
extension Zone: LabObject {
    var ref: ObjectRef { .zone(name) }
    var fields: [(String, String)] { [("name", name), ("description", text(description))] }
}
extension Record: LabObject {
    var ref: ObjectRef { .record(self) }
    var fields: [(String, String)] { [("ttl", ttl.map(String.init) ?? "auto"), ("proxied", String(proxied))] }
}
extension DNSTarget: LabObject {
    var ref: ObjectRef { .dnsTarget(name) }
    var fields: [(String, String)] {
        [("name", name), ("kind", kind.rawValue), ("zone", zone), ("view", view.rawValue), ("url", text(url)), ("hosts_file", text(hostsFile)),
         ("cname_file", text(cnameFile)), ("reload_command", text(reloadCommand)), ("description", text(description))]
    }
}
