import LabModel

/// Collects a host's variables as `JSONField`s, one field at a time, in key order.
struct JSONFieldCollector {
    var fields: [JSONField] = []

    mutating func string(_ key: String, _ value: String?) { fields.append(JSONField(key, .string(value))) }
    mutating func unsafe(_ key: String, _ value: String?) { fields.append(JSONField(key, .ansibleUnsafe(value))) }
    mutating func int(_ key: String, _ value: Int64?) { fields.append(JSONField(key, value.map(JSONValue.int) ?? .null)) }
    mutating func bool(_ key: String, _ value: Bool) { fields.append(JSONField(key, .bool(value))) }
    mutating func strings(_ key: String, _ values: [String]) { fields.append(JSONField(key, .array(values.map(JSONValue.string)))) }
    mutating func disks(_ key: String, _ disks: [Disk]) {
        fields.append(JSONField(key, .array(disks.map { disk in
            .fields([JSONField("media", .string(disk.media?.rawValue)), JSONField("name", .ansibleUnsafe(disk.name)),
                     JSONField("pool", .string(disk.pool)), JSONField("size_bytes", .int(disk.size.bytes))])
        })))
    }
}
