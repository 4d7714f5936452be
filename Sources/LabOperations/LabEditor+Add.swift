import LabIP
import LabModel
import LabQuery

extension LabEditor {
    /// `add ENTITY NAME ...` for the entities added through the importer.
    func add(_ entity: Entity, name: String, _ assignments: [(Field, BoundValue)]) throws -> String {
        let fields = AddedFields(assignments)
        switch entity.name {
        case "records": return try RecordWriter(editor: self).add(name: name, fields)
        case "ranges": return try RangeWriter(editor: self).add(name: name, fields)
        case "prefixes": return try addPrefix(name: name, fields)
        case "pools": return try addPool(name: name, fields)
        default: throw ExecutionError.refused("\(entity.name) cannot be added here")
        }
    }

    /// `add prefixes NAME cidr = 10.0.0.0/24 [, gateway = 10.0.0.1] [, description = ...]`.
    private func addPrefix(name: String, _ fields: AddedFields) throws -> String {
        guard let cidr = fields.network("cidr") else { throw ExecutionError.refused("a new prefix needs its cidr") }
        let gateway = fields.address("gateway"), description = fields.text("description")
        let area = Area(load: { try Lab.neighbourhood(ofPrefix: cidr, name: name, in: $0) }, guarded: IPRange(first: cidr.first, last: cidr.last).map { .addresses($0) } ?? .everything)
        return try edit(area) { lab in
            lab.prefixes.append(Prefix(cidr: cidr, name: name, gateway: gateway, description: description))
            return "added prefix \(name): \(cidr)" + (gateway.map { ", gateway \($0)" } ?? "")
        }
    }

    /// `add pools NAME host = HOST, type = TYPE, size = SIZE [, thin = BOOL] [, description = ...]`.
    private func addPool(name: String, _ fields: AddedFields) throws -> String {
        guard let host = fields.text("host"), let type = fields.text("type").flatMap({ PoolType(rawValue: $0.lowercased()) }), let bytes = fields.int("size") else {
            throw ExecutionError.refused("a new pool needs its host, type and size")
        }
        let thin = fields.bool("thin") ?? type.thinByDefault, description = fields.text("description")
        // A new pool holds no disk yet: it can break no integrity rule.
        let area = Area(load: { try Lab.neighbourhood(ofPoolOn: host, in: $0) }, guarded: .nothing)
        return try edit(area) { lab in
            guard let machine = lab.machines.first(where: { $0.name.caseInsensitiveEquals(host) }) else {
                throw ExecutionError.refused("no host named \(host); list them with `hosts`")
            }
            let pool = Pool(host: machine.name, name: name, type: type, size: ByteSize(bytes: bytes), thin: thin, description: description)
            lab.pools.append(pool)
            return "added pool \(name) on \(machine.name): \(type.rawValue), \(pool.size)\(thin ? ", thin" : "")"
        }
    }
}

/// The `field = value` pairs of an `add`, by field name, read by type.
struct AddedFields {
    private let values: [String: BoundValue]

    init(_ assignments: [(Field, BoundValue)]) {
        values = Dictionary(assignments.map { ($0.0.name, $0.1) }, uniquingKeysWith: { first, _ in first })
    }

    func text(_ name: String) -> String? { if case .text(let text)? = values[name] { return text }; return nil }
    func int(_ name: String) -> Int64? { if case .int(let number)? = values[name] { return number }; return nil }
    func bool(_ name: String) -> Bool? { if case .bool(let flag)? = values[name] { return flag }; return nil }
    func address(_ name: String) -> IPAddress? { if case .address(let address)? = values[name] { return address }; return nil }
    func network(_ name: String) -> IPNetwork? { if case .network(let network)? = values[name] { return network }; return nil }
}
