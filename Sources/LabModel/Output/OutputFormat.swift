/// How records are printed: aligned tables for people; json, csv and yaml for scripts.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, json, csv, yaml

    /// Renders `table` in this format. json is an array of objects with sorted keys.
    public func render(_ table: ResultTable) -> String {
        switch self {
        case .table: return TableRenderer.render(table)
        case .json: return JSONRenderer.render(table)
        case .csv: return CSVRenderer.render(table)
        case .yaml: return YAMLRenderer.render(table)
        }
    }
}

enum TableRenderer {
    static func render(_ table: ResultTable) -> String {
        if table.rows.isEmpty { return "(no rows)\n" }
        let texts = table.rows.map { $0.map(\.display) }
        var widths = table.columns.map(\.count)
        for row in texts { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        let numeric = table.columns.indices.map { column in table.rows.allSatisfy { $0[column] == .null || $0[column].isNumeric } }
        func format(_ cells: [String], header: Bool) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return numeric[i] && !header ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmedTrailing
        }
        var out = format(table.columns, header: true) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in texts { out += format(row, header: false) + "\n" }
        out += "(\(table.rows.count) row\(table.rows.count == 1 ? "" : "s"))\n"
        return out
    }
}

enum JSONRenderer {
    static func render(_ table: ResultTable) -> String {
        let order = table.columns.enumerated().sorted { $0.element < $1.element }
        let objects = table.rows.map { row in
            "{" + order.map { "\(quote($0.element)):\(value(row[$0.offset]))" }.joined(separator: ",") + "}"
        }
        return "[" + objects.joined(separator: ",\n ") + "]\n"
    }

    static func value(_ cell: Cell) -> String {
        switch cell {
        case .null: return "null"
        case .int(let v), .size(let v): return String(v)
        case .double(let v): return v.isFinite ? String(v) : "null"
        case .text(let v): return quote(v)
        case .bool(let v): return v ? "true" : "false"
        case .list(let v): return "[" + v.map(quote).joined(separator: ",") + "]"
        }
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

enum CSVRenderer {
    static func render(_ table: ResultTable) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + text.replacingAll("\"", with: "\"\"") + "\"" : text
        }
        func raw(_ cell: Cell) -> String {
            switch cell {
            case .size(let v): return String(v)
            case .bool(let v): return v ? "true" : "false"
            default: return cell.display
            }
        }
        var out = table.columns.map(field).joined(separator: ",") + "\n"
        for row in table.rows { out += row.map { field(raw($0)) }.joined(separator: ",") + "\n" }
        return out
    }
}

enum YAMLRenderer {
    static func render(_ table: ResultTable) -> String {
        if table.rows.isEmpty { return "[]\n" }
        var out = ""
        for row in table.rows {
            for (i, column) in table.columns.enumerated() {
                let prefix = i == 0 ? "- " : "  "
                out += prefix + column + ": " + value(row[i]) + "\n"
            }
        }
        return out
    }

    static func value(_ cell: Cell) -> String {
        switch cell {
        case .null: return "null"
        case .int(let v), .size(let v): return String(v)
        case .double(let v): return String(v)
        case .bool(let v): return v ? "true" : "false"
        case .text(let v): return YAMLText.scalar(v)
        case .list(let v): return "[" + v.map(YAMLText.scalar).joined(separator: ", ") + "]"
        }
    }
}

extension String {
    var trimmedTrailing: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }

    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
