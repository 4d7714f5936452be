/// A fixed-size output buffer for large JSON documents: bytes are appended with plain
/// pointer writes (no per-append checks of an Array's uniqueness or growth), and handed to
/// `drain` whenever the buffer fills, so a document of any size reuses the same memory.
/// Writing to a file descriptor, the first failure is kept and later output dropped;
/// `finish()` reports it.
struct ByteSink: ~Copyable {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0
    /// Takes a full buffer; returns an errno to stop, or nil.
    private let drain: (UnsafeBufferPointer<UInt8>) -> Int32?
    /// The first error `drain` reported.
    private var failure: Int32?

    /// A sink that passes its bytes to `drain`, `capacity` bytes at a time.
    init(capacity: Int = 1 << 20, drain: @escaping (UnsafeBufferPointer<UInt8>) -> Int32?) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
        self.drain = drain
    }

    deinit { base.deallocate() }

    /// Hands the buffered bytes to `drain`.
    mutating func flush() {
        guard count > 0 else { return }
        if failure == nil { failure = drain(UnsafeBufferPointer(start: base, count: count)) }
        count = 0
    }

    /// Flushes; the errno of the first failed drain, if any.
    mutating func finish() -> Int32? {
        flush()
        return failure
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { flush() }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { overflow(bytes); return }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// The rare path of `append`: flush, then buffer `bytes`, or pass them on when they alone exceed the buffer.
    private mutating func overflow(_ bytes: UnsafeBufferPointer<UInt8>) {
        flush()
        if bytes.count > capacity {
            if failure == nil { failure = drain(bytes) }
            return
        }
        base.update(from: bytes.baseAddress!, count: bytes.count)
        count = bytes.count
    }

    mutating func append(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { append($0) } }

    /// Appends fixed text.
    @inline(__always)
    mutating func appendRaw(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends the decimal digits of `value`, as `String(value)` spells them.
    mutating func appendDecimal(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDecimal(unsigned: value.magnitude)
    }

    /// Appends the decimal digits of `value`.
    mutating func appendDecimal(unsigned value: UInt64) {
        var magnitude = value
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for UInt64's 20 digits
        Swift.withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            append(UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[start...]))
        }
    }

    /// Appends `text` (UTF-8 bytes) as a JSON string literal, as `JSONWriter` writes the
    /// `String` of the bytes: bytes that are not valid UTF-8 become U+FFFD, as
    /// `String(decoding:as:)` makes them, so the output is always valid JSON text.
    mutating func appendJSONString(_ text: UnsafeBufferPointer<UInt8>) {
        if ByteSink.isPlainASCII(text) {
            append(UInt8(ascii: "\""))
            append(text)
            append(UInt8(ascii: "\""))
            return
        }
        // Rare: escapes or non-ASCII text, written by JSONWriter from the decoded text.
        var quoted: [UInt8] = []
        JSONWriter.appendQuoted(String(decoding: text, as: UTF8.self), to: &quoted)
        append(quoted)
    }

    /// Whether `text` is ASCII with nothing to escape (no control character, quote or
    /// backslash): checked eight bytes at a time (SWAR), since nearly all text is.
    static func isPlainASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return true }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        while index + 8 <= text.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            // A byte is flagged when it is >= 0x80, < 0x20, or equal to '"' or '\\'.
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            let flagged = word | (word &- ones &* 0x20) | (quote &- ones) & ~quote | (backslash &- ones) & ~backslash
            if flagged & highs != 0 { return false }
            index += 8
        }
        while index < text.count {
            let byte = text[index]
            if byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            index += 1
        }
        return true
    }

    /// Appends `text` as a JSON string literal.
    mutating func appendJSONString(_ text: String) {
        var quoted: [UInt8] = []
        JSONWriter.appendQuoted(text, to: &quoted)
        append(quoted)
    }

    /// Appends `{"__ansible_unsafe":"text"}`, the marker that keeps Ansible from templating `text`.
    mutating func appendAnsibleUnsafe(_ text: UnsafeBufferPointer<UInt8>) {
        appendRaw("{\"__ansible_unsafe\":")
        appendJSONString(text)
        append(UInt8(ascii: "}"))
    }

    /// Appends the dotted-quad form of an IPv4 address (as `IPAddress.description` writes it).
    mutating func appendIPv4(_ value: UInt32) {
        appendDecimal(unsigned: UInt64(value >> 24)); append(UInt8(ascii: "."))
        appendDecimal(unsigned: UInt64((value >> 16) & 0xFF)); append(UInt8(ascii: "."))
        appendDecimal(unsigned: UInt64((value >> 8) & 0xFF)); append(UInt8(ascii: "."))
        appendDecimal(unsigned: UInt64(value & 0xFF))
    }
}
