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
    /// Columns padded to their widest cell (numbers right-aligned), two spaces apart,
    /// trailing spaces trimmed, a dashed rule under the header and a row count.
    static func render(_ table: ResultTable) -> String {
        var writer = TableTextWriter(columns: table.columns, nullLabels: table.nullLabels, expectedRows: table.rows.count)
        for row in table.rows {
            for cell in row { writer.append(cell) }
        }
        return writer.text()
    }

    /// The width of `text` in characters; ASCII text (nearly all) is measured by its bytes.
    static func width(_ text: String) -> Int {
        var text = text
        return text.withUTF8(width)
    }

    /// The width in characters of the UTF-8 text `bytes`.
    static func width(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) { return bytes.count }
        return String(decoding: bytes, as: UTF8.self).count
    }
}

/// `--format json`: an array of objects, keys sorted, one object per line. Written as UTF-8
/// bytes (the API answers every listing with it, so it is on the server's hot path).
enum JSONRenderer {
    static func render(_ table: ResultTable) -> String {
        let order = table.columns.enumerated().sorted { $0.element < $1.element }
        // Each key's quoted text once per table, not once per row.
        let keys = order.map { column -> [UInt8] in
            var key: [UInt8] = []
            JSONString.append(column.element, to: &key)
            return key + [UInt8(ascii: ":")]
        }
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(table.rows.count * (keys.reduce(2) { $0 + $1.count + 8 }) + 2)
        for (index, row) in table.rows.enumerated() {
            if index > 0 { out.append(contentsOf: ",\n ".utf8) }
            out.append(UInt8(ascii: "{"))
            for (position, column) in order.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: keys[position])
                append(row[column.offset], to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "]\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    static func append(_ cell: Cell, to out: inout [UInt8]) {
        switch cell {
        case .null: out.append(contentsOf: "null".utf8)
        case .int(let v), .size(let v): out.append(contentsOf: String(v).utf8)
        case .double(let v): out.append(contentsOf: (v.isFinite ? String(v) : "null").utf8)
        case .text(let v): JSONString.append(v, to: &out)
        case .bool(let v): out.append(contentsOf: (v ? "true" : "false").utf8)
        case .list(let v):
            out.append(UInt8(ascii: "["))
            for (index, item) in v.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONString.append(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
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
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
