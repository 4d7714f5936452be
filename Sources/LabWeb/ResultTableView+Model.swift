import LabModel

extension ResultTableView {
    /// A result table's texts as the shell shows them.
    public init(_ table: ResultTable, link: @escaping @Sendable (Int, String) -> String? = { _, _ in nil }) {
        self.init(columns: table.columns, rows: table.rows.map { $0.map(\.display) }, link: link)
    }

    /// Links the cells of columns named like machines, addresses and ranges to their pages.
    public static func standardLinks(for columns: [String]) -> @Sendable (Int, String) -> String? {
        let kinds = columns.map { $0.lowercased() }
        return { index, text in
            guard !text.isEmpty, index < kinds.count else { return nil }
            switch kinds[index] {
            case "name" where kinds.contains("cpus") || kinds.contains("ram"), "host", "machine":
                return "/machines/" + HTML.urlComponent(text)
            case "holder":
                let name = text.hasPrefix("machine ") ? String(text.dropFirst(8)) : nil
                return name.map { "/machines/" + HTML.urlComponent($0) }
            default:
                return nil
            }
        }
    }
}
