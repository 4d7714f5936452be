import LabModel
import LabQuery
import LabStore

/// `add records` and `delete records` in the shell: the change is made to the lab (the
/// records of that name and their zones, see ``LabEditor``) and applied by the declarative importer, in one transaction, so a record added here
/// passes the same rules as one in the lab file (an A record needs an IPv4 address, a
/// CNAME cannot stand at the apex, only public records can be proxied, no duplicates)
/// and is recorded in the history like any import.
struct RecordWriter {
    let editor: LabEditor

    /// Adds the record `name` (relative to its zone) with the given fields.
    func add(name: String, _ fields: AddedFields) throws -> String {
        guard let zoneName = fields.text("zone"), let type = fields.text("type").flatMap({ RecordType(rawValue: $0.uppercased()) }),
              let value = fields.text("value"), let view = fields.text("view").flatMap({ RecordView(rawValue: $0.lowercased()) }) else {
            throw ExecutionError.refused("a new record needs its zone, type, value and view")
        }
        let ttl = fields.int("ttl").map(Int.init), proxied = fields.bool("proxied") ?? false
        let fqdn = name == "@" ? zoneName : "\(name).\(zoneName)"
        let area = LabEditor.Area(load: { try Lab.neighbourhood(ofRecordNamed: fqdn, zone: zoneName, in: $0) },
                                  guarded: .records(zone: zoneName, name: name))
        return try editor.edit(area) { lab in
            guard let zone = lab.zones.first(where: { $0.name.caseInsensitiveEquals(zoneName) }) else {
                throw ExecutionError.refused("no zone named \(zoneName); add it first with `add zones \(zoneName)`")
            }
            let record = Record(zone: zone.name, name: name, type: type, value: value, view: view, ttl: ttl, proxied: proxied)
            if let existing = lab.records.first(where: { RecordWriter.same($0, record) }) {
                throw ExecutionError.refused("record \(RecordWriter.describe(existing)) already exists")
            }
            lab.records.append(record)
            return "added record \(RecordWriter.describe(record))"
        }
    }

    /// Deletes the record called `fqdn`, narrowed by `filters` (type, value, view) when the
    /// name has several records; refuses, listing them, when more than one still matches.
    func delete(fqdn: String, filters: [(Field, BoundValue)]) throws -> String {
        // Deleting a record can give no other object an integrity error.
        let area = LabEditor.Area(load: { try Lab.neighbourhood(ofRecordNamed: fqdn, zone: nil, in: $0) }, guarded: .nothing)
        return try editor.edit(area) { lab in
            let named = lab.records.filter { $0.fqdn.caseInsensitiveEquals(fqdn) }
            let matching = named.filter { record in
                filters.allSatisfy { field, value in
                    guard case .text(let wanted) = value else { return false }
                    switch field.name {
                    case "type": return record.type.rawValue.caseInsensitiveEquals(wanted)
                    case "view": return record.view.rawValue.caseInsensitiveEquals(wanted)
                    case "value": return record.value.caseInsensitiveEquals(wanted)
                    case "zone": return record.zone.caseInsensitiveEquals(wanted)
                    default: return false
                    }
                }
            }
            guard !named.isEmpty else { throw ExecutionError.refused("no record is named \(fqdn); list them with `records`") }
            guard matching.count == 1, let record = matching.first else {
                let candidates = (matching.isEmpty ? named : matching).map(RecordWriter.describe)
                let what = matching.isEmpty ? "none of the records of \(fqdn) matches" : "\(fqdn) has \(matching.count) records"
                throw ExecutionError.refused("\(what): \(QueryExecutor.list(candidates)); pick one with view = ..., type = ... or value = ...")
            }
            lab.records.removeAll { RecordWriter.same($0, record) }
            return "deleted record \(RecordWriter.describe(record))"
        }
    }

    static func same(_ a: Record, _ b: Record) -> Bool {
        a.zone.caseInsensitiveEquals(b.zone) && a.name.caseInsensitiveEquals(b.name) && a.type == b.type
            && a.value.caseInsensitiveEquals(b.value) && a.view == b.view
    }

    /// `www.example.com CNAME example.pages.dev (public, ttl 300, proxied)`.
    static func describe(_ record: Record) -> String {
        var details = [record.view.rawValue]
        if let ttl = record.ttl { details.append("ttl \(ttl)") }
        if record.proxied { details.append("proxied") }
        return "\(record.fqdn) \(record.type.rawValue) \(record.value) (\(details.joined(separator: ", ")))"
    }
}
