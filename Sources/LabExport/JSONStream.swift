import LabModel

/// Appends compact JSON to a byte buffer as it is produced, without building values:
/// the fast path of `AnsibleInventory.listBytes()`. Writes exactly what `JSONWriter()`
/// writes for the same document (the tests compare them).
struct JSONStream: HostVarsSink {
    var bytes: [UInt8] = []
    /// Whether the next member or element needs a comma before it.
    private var needsComma = false

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Appends fixed text (a memcpy, not a walk over a String's UTF-8 view).
    private mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends the decimal digits of `value`, as `String(value)` spells them, without making a String.
    private mutating func integer(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for UInt64's 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start...]))
        }
    }

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
        if let value { JSONWriter.appendQuoted(value, to: &bytes) } else { raw("null") }
    }

    mutating func unsafe(_ name: String, _ value: String?) {
        key(name)
        appendUnsafe(value)
    }

    private mutating func appendUnsafe(_ value: String?) {
        guard let value else { raw("null"); return }
        raw("{\"__ansible_unsafe\":")
        JSONWriter.appendQuoted(value, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func int(_ name: String, _ value: Int64?) {
        key(name)
        if let value { integer(value) } else { raw("null") }
    }

    mutating func bool(_ name: String, _ value: Bool) {
        key(name)
        raw(value ? "true" : "false")
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
            raw("{\"media\":")
            if let media = disk.media { JSONWriter.appendQuoted(media.rawValue, to: &bytes) } else { raw("null") }
            raw(",\"name\":")
            appendUnsafe(disk.name)
            raw(",\"pool\":")
            if let pool = disk.pool { JSONWriter.appendQuoted(pool, to: &bytes) } else { raw("null") }
            raw(",\"size_bytes\":")
            integer(disk.size.bytes)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
