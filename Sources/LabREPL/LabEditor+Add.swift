import LabIP
import LabModel
import LabQuery

extension LabEditor {
    /// `add ENTITY NAME ...` for the entities added through the importer.
    func add(_ entity: Entity, name: String, _ assignments: [(Field, BoundValue)]) throws -> String {
        var fields: [String: BoundValue] = [:]
        for (field, value) in assignments { fields[field.name] = value }
        switch entity.name {
        case "records": return try RecordWriter(editor: self).add(name: name, assignments)
        case "ranges": return try RangeWriter(editor: self).add(name: name, assignments)
        case "prefixes": return try addPrefix(name: name, fields)
        case "pools": return try addPool(name: name, fields)
        default: throw ExecutionError.refused("\(entity.name) cannot be added here")
        }
    }

    /// `add prefixes NAME cidr = 10.0.0.0/24 [, gateway = 10.0.0.1] [, description = ...]`.
    private func addPrefix(name: String, _ fields: [String: BoundValue]) throws -> String {
        guard case .network(let cidr)? = fields["cidr"] else { throw ExecutionError.refused("a new prefix needs its cidr") }
        var gateway: IPAddress?
        if case .address(let address)? = fields["gateway"] { gateway = address }
        var description: String?
        if case .text(let text)? = fields["description"] { description = text }
        return try edit { lab in
            lab.prefixes.append(Prefix(cidr: cidr, name: name, gateway: gateway, description: description))
            return "added prefix \(name): \(cidr)" + (gateway.map { ", gateway \($0)" } ?? "")
        }
    }

    /// `add pools NAME host = HOST, type = TYPE, size = SIZE [, thin = BOOL] [, description = ...]`.
    private func addPool(name: String, _ fields: [String: BoundValue]) throws -> String {
        guard case .text(let host)? = fields["host"], case .text(let typeText)? = fields["type"], let type = PoolType(rawValue: typeText.lowercased()),
              case .int(let bytes)? = fields["size"] else {
            throw ExecutionError.refused("a new pool needs its host, type and size")
        }
        var thin = type.thinByDefault
        if case .bool(let flag)? = fields["thin"] { thin = flag }
        var description: String?
        if case .text(let text)? = fields["description"] { description = text }
        return try edit { lab in
            guard let machine = lab.machines.first(where: { $0.name.caseInsensitiveEquals(host) }) else {
                throw ExecutionError.refused("no host named \(host); list them with `hosts`")
            }
            let pool = Pool(host: machine.name, name: name, type: type, size: ByteSize(bytes: bytes), thin: thin, description: description)
            lab.pools.append(pool)
            return "added pool \(name) on \(machine.name): \(type.rawValue), \(pool.size)\(thin ? ", thin" : "")"
        }
    }
}
