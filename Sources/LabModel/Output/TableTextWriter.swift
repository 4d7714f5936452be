/// Table output (`--format table`) built cell by cell, so that a listing can be written as
/// its rows are read, without a `ResultTable` of every row on the way: columns padded to
/// their widest cell (numbers right-aligned), two spaces apart, trailing spaces trimmed, a
/// dashed rule under the header and a row count.
///
/// Each cell's text is made once and kept as bytes in one buffer (an array of strings cost a
/// page fault every 256 cells), and the lines are written straight into the result string's
/// storage, sized up front.
public struct TableTextWriter {
    private let columns: [String]
    private let nullLabels: [Int: String]
    private var cellBytes: [UInt8] = []
    private var cellEnds: [UInt32] = []
    private var widths: [Int]
    private var numeric: [Bool]
    /// A column of nothing but labelled nulls (`(none)`) reads as text, not as a number.
    private var valued: [Bool]
    private var column = 0

    /// A table under `columns`; `nullLabels` is what a null shows per column index, and
    /// `expectedRows` (when known) reserves room for that many rows.
    public init(columns: [String], nullLabels: [Int: String] = [:], expectedRows: Int = 0) {
        self.columns = columns
        self.nullLabels = nullLabels
        widths = columns.map(TableRenderer.width)
        numeric = [Bool](repeating: true, count: columns.count)
        valued = [Bool](repeating: false, count: columns.count)
        // Room for cells of 12 bytes on average (65,536 cells when the count is unknown), so
        // that the buffers are not copied as they grow: reserved pages that are never written
        // cost address space only.
        let cells = expectedRows > 0 ? expectedRows * columns.count : 65_536
        cellBytes.reserveCapacity(cells * 12)
        cellEnds.reserveCapacity(cells)
    }

    /// Appends the next cell, row by row, left to right.
    public mutating func append(_ cell: Cell) {
        var text: String
        if case .null = cell {
            text = nullLabels[column] ?? ""
        } else {
            text = cell.display
            valued[column] = true
            if !cell.isNumeric { numeric[column] = false }
        }
        text.withUTF8 { bytes in
            cellBytes.append(contentsOf: bytes)
            widths[column] = max(widths[column], TableRenderer.width(bytes))
        }
        cellEnds.append(UInt32(cellBytes.count))
        column = column + 1 == columns.count ? 0 : column + 1
    }

    /// The table's text: `(no rows)` when no cell was appended.
    public func text() -> String {
        let count = columns.count
        let rows = count == 0 ? 0 : cellEnds.count / count
        if rows == 0 { return "(no rows)\n" }
        var numeric = numeric
        for column in 0..<count where !valued[column] && nullLabels[column] != nil { numeric[column] = false }
        let widths = widths
        let rule = widths.map { String(repeating: "-", count: $0) }
        // Every line is at most its texts' bytes plus the padding to the column widths.
        let lineWidth = widths.reduce(0, +) + 2 * count + 1
        let capacity = cellBytes.count + columns.reduce(0) { $0 + $1.utf8.count } + rule.reduce(0) { $0 + $1.utf8.count }
            + lineWidth * (rows + 2) + 32
        let footer = "(\(rows) row\(rows == 1 ? "" : "s"))\n"
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
                        let pad = widths[column] - TableRenderer.width(bytes)
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
            line(header: true) { text(columns[$0], $1) }
            line(header: true) { text(rule[$0], $1) }
            cellBytes.withUnsafeBufferPointer { all in
                var start = 0
                for row in 0..<rows {
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
}
