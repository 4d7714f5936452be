import LabModel

/// Appends compact JSON to a byte buffer as it is produced, without building values:
/// the fast path of `AnsibleInventory.listBytes()`. Writes exactly what `JSONWriter()`
/// writes for the same document (the tests compare them).
struct JSONStream: HostVarsSink {
    var bytes: [UInt8] = []
    /// Whether the next member or element needs a comma before it.
    private var needsComma = false

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func beginObject() { bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }

    /// `"key":` (with a comma before it when needed).
    mutating func key(_ key: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        JSONWriter.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = true
    }

    /// A member whose value is any `JSONValue`.
    mutating func member(_ name: String, _ value: JSONValue) {
        key(name)
        JSONWriter().append(value, depth: 0, to: &bytes)
    }

    mutating func string(_ name: String, _ value: String?) {
        key(name)
        if let value { JSONWriter.appendQuoted(value, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
    }

    mutating func unsafe(_ name: String, _ value: String?) {
        key(name)
        appendUnsafe(value)
    }

    private mutating func appendUnsafe(_ value: String?) {
        guard let value else { bytes.append(contentsOf: "null".utf8); return }
        bytes.append(contentsOf: "{\"__ansible_unsafe\":".utf8)
        JSONWriter.appendQuoted(value, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func int(_ name: String, _ value: Int64?) {
        key(name)
        bytes.append(contentsOf: (value.map { String($0) } ?? "null").utf8)
    }

    mutating func bool(_ name: String, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func strings(_ name: String, _ values: [String]) {
        key(name)
        appendStrings(values)
    }

    /// A JSON array of strings.
    mutating func appendStrings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONWriter.appendQuoted(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func disks(_ name: String, _ disks: [Disk]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (index, disk) in disks.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: "{\"media\":".utf8)
            if let media = disk.media { JSONWriter.appendQuoted(media.rawValue, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
            bytes.append(contentsOf: ",\"name\":".utf8)
            appendUnsafe(disk.name)
            bytes.append(contentsOf: ",\"pool\":".utf8)
            if let pool = disk.pool { JSONWriter.appendQuoted(pool, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
            bytes.append(contentsOf: ",\"size_bytes\":".utf8)
            bytes.append(contentsOf: String(disk.size.bytes).utf8)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
