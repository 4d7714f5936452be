import LabModel

/// Receives a host's variables, one field at a time, in key order. Two sinks exist:
/// `JSONFieldCollector` (values, for `--host` and tests) and `JSONStream` (bytes, for a
/// fast `--list`), so both are built by the one function that decides the variables.
protocol HostVarsSink {
    mutating func string(_ key: String, _ value: String?)
    mutating func unsafe(_ key: String, _ value: String?)
    mutating func int(_ key: String, _ value: Int64?)
    mutating func bool(_ key: String, _ value: Bool)
    mutating func strings(_ key: String, _ values: [String])
    mutating func disks(_ key: String, _ disks: [Disk])
}

/// Collects fields as `JSONField`s.
struct JSONFieldCollector: HostVarsSink {
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
