import LabModel

/// A capacity answer in sections, rendered in any output format.
public struct CapacityDocument: Sendable, Hashable {
    public var sections: [CapacitySection]

    public init(sections: [CapacitySection]) { self.sections = sections }

    /// The section called `name`.
    public subscript(name: String) -> CapacitySection? { sections.first { $0.name == name } }

    /// The document in `format`: headed tables (a record as `key: value` lines, null fields
    /// left out); one json object keyed by section (sorted keys);
    /// csv blocks under `# title` lines; one yaml mapping keyed by section.
    public func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: return renderTable()
        case .json: return renderJSON()
        case .csv: return sections.map { "# \($0.title)\n" + OutputFormat.csv.render($0.table) }.joined(separator: "\n")
        case .yaml: return renderYAML()
        }
    }

    private func renderTable() -> String {
        sections.map { section in
            guard section.isRecord, let row = section.table.rows.first else {
                return "\(section.title)\n" + OutputFormat.table.render(section.table)
            }
            // A null field of a record (`range` when no range was asked for) is left out of the
            // table; json and yaml keep the key with null.
            let fields = zip(section.table.columns, row).filter { $0.1 != .null }
            let width = fields.map(\.0.count).max() ?? 0
            return "\(section.title)\n" + fields.map { column, cell in
                column + ":" + String(repeating: " ", count: width - column.count + 1) + cell.display
            }.joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }

    private func renderJSON() -> String {
        let members = sections.sorted { $0.name < $1.name }.map { section -> String in
            var body = OutputFormat.json.render(section.table)
            while body.last == "\n" { body.removeLast() }
            if section.isRecord {
                // A one-row array `[{...}]` becomes the object itself.
                body = section.table.rows.isEmpty ? "null" : String(body.dropFirst().dropLast())
            }
            return "\"\(section.name)\": " + body
        }
        return "{" + members.joined(separator: ",\n ") + "}\n"
    }

    private func renderYAML() -> String {
        sections.map { section -> String in
            if section.table.rows.isEmpty { return "\(section.name): " + (section.isRecord ? "null" : "[]") + "\n" }
            let lines = OutputFormat.yaml.render(section.table).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            let body = lines.map { line -> String in
                section.isRecord ? "  " + line.dropFirst(2) : "  " + line
            }
            return "\(section.name):\n" + body.joined(separator: "\n") + "\n"
        }.joined()
    }
}
