import LabIP
import Testing

@Suite("IPAM address counts")
struct IPAMAddressCountTests {
    @Test("counts just below a power of two print exactly", arguments: [
        ((UInt128(1) << 64) - 1, "2^64 - 1"),
        ((UInt128(1) << 64) - 100_001, "2^64 - 100,001"),
        ((UInt128(1) << 80) - 3, "2^80 - 3"),
    ])
    func justBelowPower(count: UInt128, text: String) {
        #expect(AddressCount.format(count) == text)
    }

    @Test("other large counts print the nearest power of two", arguments: [
        ((UInt128(1) << 64) - 5_000_000, "≈2^64"),
        ((UInt128(1) << 63) + 5, "≈2^63"),
        (UInt128(3) << 40, "≈2^42"),
        (UInt128(1_000_000_000), "≈2^30"),
    ])
    func nearestPower(count: UInt128, text: String) {
        #expect(AddressCount.format(count) == text)
    }
}
