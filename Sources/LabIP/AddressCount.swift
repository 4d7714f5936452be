/// Formats a count of addresses for people: exact with thousands separators when
/// small, `2^64` for a large power of two, `2^64 - 3` just below one, and `≈2^N` (the nearest
/// power) for other large numbers.
public enum AddressCount {
    /// A readable form of `count`.
    public static func format(_ count: UInt128) -> String {
        if count < 1_000_000_000 { return grouped(count) }
        if count.nonzeroBitCount == 1 { return "2^\(count.trailingZeroBitCount)" }
        if count == UInt128.max { return "2^128" }
        // Just under a power of two, as usable and free counts of IPv6 prefixes are: exact.
        let below = UInt128(1) << (128 - count.leadingZeroBitCount)
        if below != 0, below - count < 1_000_000 { return "2^\(below.trailingZeroBitCount) - \(grouped(below - count))" }
        // Otherwise the nearest power of two.
        let floor = 128 - count.leadingZeroBitCount - 1
        let nearest = Double(count) >= Double(UInt128(1) << floor) * 2.0.squareRoot() ? floor + 1 : floor
        return "≈2^\(nearest)"
    }

    /// `1234567` as `1,234,567`.
    public static func grouped(_ count: UInt128) -> String {
        let digits = String(count)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
