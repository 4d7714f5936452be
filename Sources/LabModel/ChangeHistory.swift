import Foundation
import LabIP
import LabStore

/// Reads the change history that migration 0004's triggers record.
public struct ChangeHistory {
    let db: Database

    /// The history of `database`.
    public init(database: Database) { self.db = database }

    /// The database's revision: the id of its last recorded change (0 when none yet), nil
    /// when it has no history tables. An export records it; an import compares against it.
    public func revision() throws -> Int64? {
        guard db.hasChangeHistory else { return nil }
        return try db.scalar("SELECT coalesce(max(id), 0) FROM changes")?.int ?? 0
    }

    /// The latest `limit` changes, newest first; only those about `object` when given
    /// (a name of a machine, cluster, pool, range, zone or record, or an address or CIDR).
    public func entries(about object: String? = nil, limit: Int = 50) throws -> [ChangeEntry] {
        try summarisedEntries(about: object, limit: limit).map(\.entry)
    }

    /// The entries with their one-line summaries; each row's JSON is parsed once for both
    /// (parsing it again for the summary was half the time of the history page).
    private func summarisedEntries(about object: String?, limit: Int) throws -> [(entry: ChangeEntry, summary: String)] {
        guard db.hasChangeHistory else { return [] }
        var keys: [String] = []
        if let object, !object.isEmpty { keys = ChangeHistory.storageKeys(for: object) }
        let arguments = (keys + keys).map(SQLValue.text) + [.integer(Int64(max(0, limit)))]
        return try db.rows(ChangeHistory.entriesQuery(keys: keys.count), arguments) { row in
            let before = row.string("before").map(ChangeHistory.decode), after = row.string("after").map(ChangeHistory.decode)
            let entry = ChangeEntry(id: row.int("id") ?? 0, changeSet: row.int("change_set_id"), at: row.string("at") ?? "",
                                    user: row.string("os_user"), command: row.string("command"), table: row.string("table_name") ?? "",
                                    operation: row.string("operation") ?? "", object: ChangeHistory.decodeKey(row.string("object") ?? ""),
                                    before: before?.text, after: after?.text)
            return (entry, ChangeHistory.summary(before: before?.fields, after: after?.fields))
        }
    }

    /// The query behind ``entries(about:limit:)``: the latest changes, those whose object or
    /// related name is one of `keys` stored forms when there are any (bound twice, then the limit).
    /// It finds them through the `changes_object` and `changes_related` indexes.
    static func entriesQuery(keys: Int) -> String {
        let marks = Array(repeating: "?", count: keys).joined(separator: ", ")
        let filter = keys == 0 ? "" : "WHERE c.object COLLATE NOCASE IN (\(marks)) OR c.related COLLATE NOCASE IN (\(marks))"
        return """
            SELECT c.id, c.change_set_id, coalesce(s.at, c.at) AS at, s.os_user, s.command, c.table_name, c.operation,
                   c.object, c.before, c.after
            FROM changes c LEFT JOIN change_sets s ON s.id = c.change_set_id
            \(filter)
            ORDER BY c.id DESC LIMIT ?
            """
    }

    /// The entries as a table: who, when, command, object, before → after.
    /// With `detailed`, the before and after rows are columns of their own (for json/csv/yaml).
    public func table(about object: String? = nil, limit: Int = 50, detailed: Bool = false) throws -> ResultTable {
        var columns = ["id", "at", "user", "command", "table", "operation", "object", "change"]
        if detailed { columns += ["change_set", "before", "after"] }
        var table = ResultTable(columns: columns)
        for (entry, summary) in try summarisedEntries(about: object, limit: limit) {
            var row: [Cell] = [.int(entry.id), .text(entry.at), entry.user.map(Cell.text) ?? .text("(outside labdb)"),
                               entry.command.map(Cell.text) ?? .null, .text(entry.table), .text(entry.operation),
                               .text(entry.object), .text(summary)]
            if detailed {
                row += [entry.changeSet.map(Cell.int) ?? .null, entry.before.map(Cell.text) ?? .null, entry.after.map(Cell.text) ?? .null]
            }
            table.rows.append(row)
        }
        return table
    }

    // MARK: - Keys and decoding

    /// The stored forms `object` may have: itself, and for an address or CIDR the
    /// `family:HEX[/length]` key and the canonical text (a record's value).
    static func storageKeys(for object: String) -> [String] {
        var keys = [object]
        if let address = IPAddress(object) {
            keys += ["\(address.family.rawValue):\(hex(address.bytes))", address.description]
        } else if let network = IPNetwork(object) {
            keys.append("\(network.family.rawValue):\(hex(network.network.bytes))/\(network.length)")
        }
        return keys
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
    }

    /// Decodes `4:C0A8...[/24]` into `192.168.1.0/24`; other text is returned as is.
    static func decodeKey(_ key: String) -> String {
        let parts = key.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let familyNumber = Int(parts[0]), let family = IPFamily(rawValue: familyNumber) else { return key }
        let rest = parts[1].split(separator: "/", maxSplits: 1)
        guard let address = decodeHex(String(rest[0]), family: family) else { return key }
        return rest.count == 2 ? "\(address)/\(rest[1])" : address.description
    }

    /// 32 hex digits as an address of `family`.
    static func decodeHex(_ text: String, family: IPFamily) -> IPAddress? {
        guard text.count == 32 else { return nil }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return IPAddress(family: family, bytes: bytes)
    }

    static let addressFields: Set<String> = ["address", "network", "first", "last", "gateway"]

    /// A stored row's JSON, decoded once: the text shown (address fields decoded, `prefix`
    /// keys turned into CIDRs, keys sorted) and its fields as the summary words them. JSON
    /// that does not parse is shown as it is, with no fields.
    static func decode(_ json: String) -> (text: String, fields: [String: String]) {
        guard var object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return (json, [:]) }
        let family = (object["family"] as? Int).flatMap(IPFamily.init(rawValue:)) ?? .v4
        for (key, value) in object {
            guard let string = value as? String else { continue }
            if addressFields.contains(key), let address = decodeHex(string, family: family) {
                object[key] = address.description
            } else if key == "prefix" {
                object[key] = decodeKey(string)
            }
        }
        return (text(of: object) ?? json, fields(of: object))
    }

    private static func text(of object: [String: Any]) -> String? {
        if let written = HistoryJSONWriter.write(object) { return written }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// `cpus: 12 → 16, ram_bytes: … → …` for an update; `created name=…` / `deleted …` otherwise.
    static func summary(before: [String: String]?, after: [String: String]?) -> String {
        let old = before ?? [:]
        let new = after ?? [:]
        if before == nil { return "created " + new.keys.sorted().filter { new[$0] != "null" }.map { "\($0)=\(new[$0]!)" }.joined(separator: " ") }
        if after == nil { return "deleted " + old.keys.sorted().filter { old[$0] != "null" }.map { "\($0)=\(old[$0]!)" }.joined(separator: " ") }
        let changed = Set(old.keys).union(new.keys).sorted().filter { old[$0] != new[$0] }
        return changed.map { "\($0): \(old[$0] ?? "null") → \(new[$0] ?? "null")" }.joined(separator: ", ")
    }

    private static func fields(of object: [String: Any]) -> [String: String] {
        var fields: [String: String] = [:]
        for (key, value) in object {
            if value is NSNull {
                fields[key] = "null"
            } else if let string = value as? String {
                fields[key] = string
            } else if key.hasSuffix("_bytes"), let number = value as? NSNumber {
                fields[key] = ByteSize(bytes: number.int64Value).description
            } else {
                fields[key] = "\(value)"
            }
        }
        return fields
    }
}
