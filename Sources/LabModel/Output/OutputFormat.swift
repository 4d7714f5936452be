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
    /// trailing spaces trimmed, a dashed rule under the header and a row count. Each cell's
    /// text is made once, kept as bytes in one buffer (large listings print thousands of
    /// rows: an array of strings cost a page fault every 256 cells), and the lines are
    /// written straight into the result string's storage, sized up front.
    static func render(_ table: ResultTable) -> String {
        if table.rows.isEmpty { return "(no rows)\n" }
        let count = table.columns.count
        var cellBytes: [UInt8] = []
        var cellEnds: [UInt32] = []
        // Room for cells of 12 bytes on average, so that the buffer is not copied as it grows:
        // reserved pages that are never written cost address space only.
        cellBytes.reserveCapacity(table.rows.count * count * 12)
        cellEnds.reserveCapacity(table.rows.count * count)
        var widths = table.columns.map(width)
        var numeric = [Bool](repeating: true, count: count)
        // A column of nothing but labelled nulls (`(none)`) reads as text, not as a number.
        var valued = [Bool](repeating: false, count: count)
        for row in table.rows {
            for (column, cell) in row.enumerated() {
                var text: String
                if case .null = cell {
                    text = table.nullLabels[column] ?? ""
                } else {
                    text = cell.display
                    valued[column] = true
                    if !cell.isNumeric { numeric[column] = false }
                }
                text.withUTF8 { bytes in
                    cellBytes.append(contentsOf: bytes)
                    widths[column] = max(widths[column], width(bytes))
                }
                cellEnds.append(UInt32(cellBytes.count))
            }
        }
        for column in 0..<count where !valued[column] && table.nullLabels[column] != nil { numeric[column] = false }
        let rule = widths.map { String(repeating: "-", count: $0) }
        // Every line is at most its texts' bytes plus the padding to the column widths.
        let lineWidth = widths.reduce(0, +) + 2 * count + 1
        let capacity = cellBytes.count + table.columns.reduce(0) { $0 + $1.utf8.count } + rule.reduce(0) { $0 + $1.utf8.count }
            + lineWidth * (table.rows.count + 2) + 32
        let footer = "(\(table.rows.count) row\(table.rows.count == 1 ? "" : "s"))\n"
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var end = 0
            func write(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let base = bytes.baseAddress else { return }
                (buffer.baseAddress! + end).initialize(from: base, count: bytes.count)
                end += bytes.count
            }
            func spaces(_ count: Int) {
                guard count > 0 else { return }
                (buffer.baseAddress! + end).initialize(repeating: 0x20, count: count)
                end += count
            }
            func line(header: Bool, _ cell: (Int, (UnsafeBufferPointer<UInt8>) -> Void) -> Void) {
                for column in 0..<count {
                    if column > 0 { spaces(2) }
                    cell(column) { bytes in
                        let pad = widths[column] - width(bytes)
                        let right = numeric[column] && !header
                        if right { spaces(pad) }
                        write(bytes)
                        if !right { spaces(pad) }
                    }
                }
                while end > 0 && buffer[end - 1] == 0x20 { end -= 1 }
                buffer[end] = 0x0A
                end += 1
            }
            func text(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
                var string = string
                string.withUTF8(body)
            }
            line(header: true) { text(table.columns[$0], $1) }
            line(header: true) { text(rule[$0], $1) }
            cellBytes.withUnsafeBufferPointer { all in
                var start = 0
                for row in 0..<table.rows.count {
                    line(header: false) { column, body in
                        let stop = Int(cellEnds[row * count + column])
                        body(UnsafeBufferPointer(rebasing: all[start..<stop]))
                        start = stop
                    }
                }
            }
            text(footer, write)
            return end
        }
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
