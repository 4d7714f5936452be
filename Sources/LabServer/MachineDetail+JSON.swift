import LabExport
import LabModel

/// `/api/v1/machines/{name}`'s document, written by LabExport's byte-level JSON writer:
/// snake_case keys in code-point order and absent values left out, the document Foundation's
/// `JSONEncoder` (sorted, snake-case keys) wrote, at a fraction of its cost — it was a fifth
/// of the server's time on this route.
extension MachineDetail {
    /// The UTF-8 JSON text, with a final newline.
    var jsonBytes: [UInt8] { JSONWriter().bytes(jsonValue) }

    var jsonValue: LabExport.JSONValue {
        var members: [String: LabExport.JSONValue] = [
            "name": .string(name), "kind": .string(kind), "enabled": .bool(enabled),
            "tags": .array(tags.map { .string($0) }),
            "attributes": .object(attributes.mapValues { .string($0) }),
            "guests": .array(guests.map { .string($0) }),
            "addresses": .array(addresses.map { address in
                .object(Self.present(["address": address.address, "range": address.range, "prefix": address.prefix,
                                      "dns_name": address.dnsName, "description": address.description]))
            }),
            "disks": .array(disks.map { disk in
                var fields = Self.present(["name": disk.name, "pool": disk.pool, "media": disk.media])
                fields["size_bytes"] = .int(disk.sizeBytes)
                return .object(fields)
            }),
            "clusters": .array(clusters.map { .object(["cluster": .string($0.cluster), "role": .string($0.role)]) }),
            "records": .array(records.map { record in
                .object(["name": .string(record.name), "zone": .string(record.zone), "type": .string(record.type),
                         "value": .string(record.value), "view": .string(record.view)])
            }),
        ]
        members.merge(Self.present(["host": host, "model": model, "description": description])) { $1 }
        if let cpus { members["cpus"] = .int(cpus) }
        if let ramBytes { members["ram_bytes"] = .int(ramBytes) }
        if let ramReserveBytes { members["ram_reserve_bytes"] = .int(ramReserveBytes) }
        return .object(members)
    }

    /// The strings that are there, as JSON strings (an absent value is left out, as `encodeIfPresent` does).
    private static func present(_ values: [String: String?]) -> [String: LabExport.JSONValue] {
        values.compactMapValues { $0.map(LabExport.JSONValue.string) }
    }
}
