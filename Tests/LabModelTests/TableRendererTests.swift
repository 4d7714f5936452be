import Testing
@testable import LabModel

/// The table renderer writes into one buffer sized up front; its bytes must be exactly
/// those of the plain renderer it replaced (kept here as the oracle), on awkward tables.
@Suite("Table output")
struct TableRendererTests {
    /// The renderer before it wrote into a presized buffer.
    static func reference(_ table: ResultTable) -> String {
        if table.rows.isEmpty { return "(no rows)\n" }
        let count = table.columns.count
        var texts: [String] = [], lengths: [Int] = []
        var widths = table.columns.map(TableRenderer.width)
        var numeric = [Bool](repeating: true, count: count)
        var valued = [Bool](repeating: false, count: count)
        for row in table.rows {
            for (column, cell) in row.enumerated() {
                let text: String
                if case .null = cell {
                    text = table.nullLabels[column] ?? ""
                } else {
                    text = cell.display
                    valued[column] = true
                    if !cell.isNumeric { numeric[column] = false }
                }
                texts.append(text)
                lengths.append(TableRenderer.width(text))
                widths[column] = max(widths[column], TableRenderer.width(text))
            }
        }
        for column in 0..<count where !valued[column] && table.nullLabels[column] != nil { numeric[column] = false }
        var out: [UInt8] = []
        func line(_ cell: (Int) -> (text: String, length: Int), header: Bool) {
            for column in 0..<count {
                if column > 0 { out.append(contentsOf: [0x20, 0x20]) }
                let (text, length) = cell(column)
                let pad = widths[column] - length
                let right = numeric[column] && !header
                if right { out.append(contentsOf: repeatElement(0x20, count: pad)) }
                out.append(contentsOf: text.utf8)
                if !right { out.append(contentsOf: repeatElement(0x20, count: pad)) }
            }
            while out.last == 0x20 { out.removeLast() }
            out.append(0x0A)
        }
        line({ (table.columns[$0], TableRenderer.width(table.columns[$0])) }, header: true)
        line({ (String(repeating: "-", count: widths[$0]), widths[$0]) }, header: true)
        for row in 0..<table.rows.count { line({ (texts[row * count + $0], lengths[row * count + $0]) }, header: false) }
        out.append(contentsOf: "(\(table.rows.count) row\(table.rows.count == 1 ? "" : "s"))\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    static let cells: [Cell] = [
        .null, .int(0), .int(-42), .int(9_223_372_036_854_775_807), .double(1.5), .double(3), .size(8 << 30), .size(1536 << 20),
        .bool(true), .text(""), .text("gitlab"), .text("trailing  "), .text("Zürich ünïcode"), .text("e\u{301}"), .text("a\r\nb"),
        .text("日本語の名前"), .list(["web", "db"]), .list([]),
    ]

    @Test func awkwardTablesRenderAsBefore() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let width = Int.random(in: 1...4, using: &random)
            let columns = (0..<width).map { ["name", "ram", "Größe", "x", "a long column name"][$0 % 5] + ($0 < 5 ? "" : "\($0)") }
            let rows = (0..<Int.random(in: 0...6, using: &random)).map { _ in
                (0..<width).map { _ in Self.cells.randomElement(using: &random)! }
            }
            let labels: [Int: String] = Bool.random(using: &random) ? [0: "(none)"] : [:]
            let table = ResultTable(columns: columns, rows: rows, nullLabels: labels)
            #expect(TableRenderer.render(table) == Self.reference(table), "\(table)")
        }
    }

    @Test func numbersAlignRightAndTrailingSpaceGoes() {
        let table = ResultTable(columns: ["name", "cpus", "note"], rows: [[.text("a"), .int(8), .null], [.text("bbb"), .int(16), .text("x  ")]])
        #expect(TableRenderer.render(table) == "name  cpus  note\n----  ----  ----\na        8\nbbb     16  x\n(2 rows)\n")
    }
}
