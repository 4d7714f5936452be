import LabIP
import LabModel

extension Cell {
    /// A figure rounded to two decimals (infinite values become null).
    static func rounded(_ value: Double) -> Cell {
        value.isFinite ? .double((value * 100).rounded() / 100) : .null
    }

    /// An address count: exact while it fits in 64 bits, else its readable form.
    static func count(_ value: UInt128) -> Cell {
        value <= UInt128(Int64.max) ? .int(Int64(value)) : .text(AddressCount.format(value))
    }
}
