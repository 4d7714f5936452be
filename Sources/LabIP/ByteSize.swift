/// A size in bytes, parsed from and printed in binary units (`512M`, `8G`, `1.5T`, `300GiB`).
///
/// LabIP holds labdb's pure value types (addresses, networks, ranges, sizes) and
/// the did-you-mean helper every layer uses.
public struct ByteSize: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The number of bytes.
    public let bytes: Int64

    /// A size of `bytes` bytes.
    public init(bytes: Int64) { self.bytes = bytes }

    static let units: [(suffixes: [String], shift: Int64)] = [
        (["", "b"], 0), (["k", "kb", "kib"], 10), (["m", "mb", "mib"], 20),
        (["g", "gb", "gib"], 30), (["t", "tb", "tib"], 40), (["p", "pb", "pib"], 50),
    ]

    /// The units `description` prints, one per power of 1024.
    static let unitNames = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]

    /// Parses `512M`, `8G`, `1.5T`, `300GiB`, `4096` (bytes). Units are binary (G = GiB).
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: Character(" "))
        let numberPart = trimmed.prefix { $0.isNumber || $0 == "." }
        let unitPart = String(trimmed.dropFirst(numberPart.count)).trimmingCharacters(in: Character(" ")).lowercased()
        guard !numberPart.isEmpty, numberPart.filter({ $0 == "." }).count <= 1,
              let unit = ByteSize.units.first(where: { $0.suffixes.contains(unitPart) }),
              let number = Double(numberPart) else { return nil }
        let value = number * Double(Int64(1) << unit.shift)
        guard value.isFinite, value >= 0, value < 9.0e18, value == value.rounded() else { return nil }
        self.bytes = Int64(value)
    }

    /// The largest binary unit that keeps the figure at or above 1, with up to one decimal
    /// (`8 GiB`, `1.5 TiB`, `300 GiB`, `512 B`).
    public var description: String {
        let names = ByteSize.unitNames
        var index = 0
        while index + 1 < names.count && abs(bytes) >= Int64(1) << (10 * Int64(index + 1)) { index += 1 }
        if index == 0 { return "\(bytes) B" }
        // A whole number of the unit (nearly every size in a lab) needs no floating point;
        // the text is the one the rounding below gives.
        let shift = 10 * Int64(index)
        if bytes & ((Int64(1) << shift) - 1) == 0 { return String(bytes >> shift) + " " + names[index] }
        let value = Double(bytes) / Double(Int64(1) << shift)
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
        return "\(text) \(names[index])"
    }

    /// The compact form used in lab files: exact, in the largest unit that divides the size (`8G`, `1536M`).
    public var compact: String {
        let letters = ["", "K", "M", "G", "T", "P"]
        var index = 0
        while index + 1 < letters.count, bytes != 0, bytes % (Int64(1) << (10 * Int64(index + 1))) == 0 { index += 1 }
        return "\(bytes >> (10 * Int64(index)))\(letters[index])"
    }

    public static func < (lhs: ByteSize, rhs: ByteSize) -> Bool { lhs.bytes < rhs.bytes }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var slice = Substring(self)
        while slice.first == set { slice.removeFirst() }
        while slice.last == set { slice.removeLast() }
        return String(slice)
    }
}
