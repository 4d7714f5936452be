/// A value bound to, or read from, an SQLite statement.
public enum SQLValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The integer, when this is one.
    public var int: Int64? { if case .integer(let v) = self { return v } else { return nil } }
    /// The text, when this is text.
    public var string: String? { if case .text(let v) = self { return v } else { return nil } }
    /// The bytes, when this is a blob.
    public var bytes: [UInt8]? { if case .blob(let v) = self { return v } else { return nil } }
    /// The number, when this is an integer or a real.
    public var double: Double? {
        switch self {
        case .integer(let v): return Double(v)
        case .real(let v): return v
        default: return nil
        }
    }
    /// Whether this is SQL NULL.
    public var isNull: Bool { self == .null }

    public var description: String {
        switch self {
        case .null: return "NULL"
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .text(let v): return v
        case .blob(let v): return "x'" + v.map { String($0, radix: 16).leftPadded(to: 2) }.joined() + "'"
        }
    }
}

/// Types that bind as a single SQL value.
public protocol SQLBindable {
    /// The SQL form of this value.
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Int: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLBindable { public var sqlValue: SQLValue { .integer(self) } }
extension Double: SQLBindable { public var sqlValue: SQLValue { .real(self) } }
extension Bool: SQLBindable { public var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
extension SQLValue: SQLBindable { public var sqlValue: SQLValue { self } }
extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
