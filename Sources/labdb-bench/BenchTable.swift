import Foundation

/// A benchmark's result: one GitHub-markdown table on standard output, which
/// `scripts/bench` copies into the README's marked block for that benchmark.
/// Everything else a benchmark says (what it generated, where) goes to `BenchTable.note`,
/// on standard error, so that standard output is exactly the table (plus `footnote`s).
struct BenchTable {
    /// The usual columns: what is measured, labdb's figure, the baseline's, and their ratio.
    static let standardColumns = ["what", "labdb", "baseline (same run)", "labdb / baseline"]

    let columns: [String]
    private var rows: [[String]] = []
    private var footnotes: [String] = []

    init(columns: [String] = BenchTable.standardColumns) { self.columns = columns }

    /// Adds one row; missing cells are left empty.
    mutating func add(_ cells: [String]) {
        rows.append(Array(cells.prefix(columns.count)) + Array(repeating: "", count: max(0, columns.count - cells.count)))
    }

    /// A line printed under the table (the baseline's source, a target met or missed).
    mutating func footnote(_ text: String) { footnotes.append(text) }

    /// Prints the table, padded so that it reads as well in a terminal as in the README.
    func print() {
        let widths = columns.indices.map { column in ([columns] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            "| " + zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: " | ") + " |"
        }
        Swift.print(line(columns))
        Swift.print("|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|")
        for row in rows { Swift.print(line(row)) }
        if !footnotes.isEmpty { Swift.print("") }
        for text in footnotes { Swift.print(text) }
    }

    /// Progress and context for the person watching, on standard error.
    static func note(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    /// Milliseconds with a precision that suits their size: `0.157 ms`, `11.9 ms`, `3,204 ms`.
    static func ms(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        if value >= 1_000 { return grouped(Int(value.rounded())) + " ms" }
        return String(format: value >= 10 ? "%.1f ms" : value >= 1 ? "%.2f ms" : "%.3f ms", value)
    }

    /// `a / b` as `1.95×`.
    static func ratio(_ a: Double, _ b: Double) -> String {
        guard b > 0, a.isFinite, b.isFinite else { return "n/a" }
        let r = a / b
        // Far below 1 (a fast path against its slow predecessor), two digits would read 0.00×.
        return String(format: r >= 100 ? "%.0f×" : r >= 10 ? "%.1f×" : r >= 0.01 ? "%.2f×" : "%.5f×", r)
    }

    /// `12345` as `12,345`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }
}
