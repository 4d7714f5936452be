import LabIP

/// One value in a result table, typed so that each output format can render it well.
public enum Cell: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case bool(Bool)
    /// A size in bytes: `8 GiB` in tables, the byte count in json/csv/yaml.
    case size(Int64)
    /// A list of texts (tags): comma-joined in tables and csv, an array in json/yaml.
    case list([String])

    /// The text a person sees in a table.
    public var display: String {
        switch self {
        case .null: return ""
        case .int(let v): return String(v)
        case .double(let v): return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(format1: v)
        case .text(let v): return v
        case .bool(let v): return v ? "yes" : "no"
        case .size(let v): return ByteSize(bytes: v).description
        case .list(let v): return v.joined(separator: ",")
        }
    }

    /// Whether the column reads better right-aligned.
    var isNumeric: Bool {
        switch self {
        case .int, .double, .size: return true
        default: return false
        }
    }
}

/// Rows of typed cells under named columns: what every listing command returns.
public struct ResultTable: Sendable, Hashable {
    /// Column names (snake_case; used as keys in json and yaml).
    public var columns: [String]
    /// Rows, each with one cell per column.
    public var rows: [[Cell]]
    /// What table output shows for a null cell, per column index (e.g. `(none)` for the empty
    /// group of a `count by`); json, csv and yaml keep the null.
    public var nullLabels: [Int: String]

    /// A table of `rows` under `columns`.
    public init(columns: [String], rows: [[Cell]] = [], nullLabels: [Int: String] = [:]) {
        self.columns = columns
        self.rows = rows
        self.nullLabels = nullLabels
    }
}

extension String {
    init(format1 value: Double) {
        let scaled = (value * 100).rounded() / 100
        self = String(scaled)
    }
}
