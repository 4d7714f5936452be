import Foundation

/// The frame of every page: title, navigation, the link to the API URL that returns the
/// same data as JSON, and the stylesheet. No script and nothing loaded from elsewhere.
public enum PageLayout {
    /// A whole page around `body`.
    /// - Parameters:
    ///   - title: the page's title.
    ///   - api: the API URL with the same data as JSON (the interface for programs).
    public static func page(title: String, api: String?, body: HTML) -> String {
        var html = HTML()
        html.raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        html.raw("<meta name=\"color-scheme\" content=\"light dark\">")
        html.raw("<title>")
        html.text(title + " · labdb")
        html.raw("</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"\(Stylesheet.path)\"></head><body>")
        html.raw("<header><a class=\"brand\" href=\"/\">labdb</a><nav>")
        for (href, label) in [("/", "Dashboard"), ("/ipam", "IP map"), ("/query", "Query"), ("/dns", "DNS"), ("/history", "History")] {
            html.link(href, label)
        }
        html.raw("</nav>")
        if let api {
            html.raw("<span class=\"api\">JSON: ")
            html.link(api, api)
            html.raw("</span>")
        }
        html.raw("</header><main>")
        html.raw(body.text)
        html.raw("</main></body></html>\n")
        return html.text
    }

    /// A labelled bar for `fraction` (0–1; may exceed 1), with an optional reserved share
    /// drawn at its end, and a level class (ok, warning, critical).
    public static func meter(_ label: String, value: String, fraction: Double, reserve: Double = 0, level: String = "ok", into html: inout HTML) {
        let width = max(0, min(100, fraction * 100))
        html.raw("<div class=\"meter level-\(HTML.escape(level))\"><div class=\"label\"><span>")
        html.text(label)
        html.raw("</span><span>")
        html.text(value)
        if level != "ok" { html.raw(" <span class=\"badge \(HTML.escape(level))\">\(HTML.escape(level))</span>") }
        html.raw("</span></div><div class=\"bar\" role=\"img\" aria-label=\"\(HTML.escape(label)): \(HTML.escape(value))\">")
        html.raw("<span class=\"fill\" style=\"width:\(String(format: "%.1f", width))%\"></span>")
        if reserve > 0 { html.raw("<span class=\"reserve\" title=\"reserve\" style=\"width:\(String(format: "%.1f", min(100, reserve * 100)))%\"></span>") }
        html.raw("</div></div>")
    }

    /// A result table as an HTML table.
    public static func table(_ table: ResultTableView, into html: inout HTML) {
        html.raw("<div class=\"scroll\"><table><thead><tr>")
        for column in table.columns { html.element("th", column) }
        html.raw("</tr></thead><tbody>")
        for row in table.rows {
            html.raw("<tr>")
            for (index, cell) in row.enumerated() {
                html.raw("<td>")
                if let link = table.link(index, cell) { html.link(link, cell) } else { html.text(cell) }
                html.raw("</td>")
            }
            html.raw("</tr>")
        }
        html.raw("</tbody></table></div>")
        if table.rows.isEmpty { html.element("p", "(no rows)", class: "muted") }
    }
}

/// A table ready to draw: column names, cell texts, and which cells link where.
public struct ResultTableView: Sendable {
    public var columns: [String]
    public var rows: [[String]]
    /// For a column index and cell text, the page it links to.
    public var link: @Sendable (Int, String) -> String?

    public init(columns: [String], rows: [[String]], link: @escaping @Sendable (Int, String) -> String? = { _, _ in nil }) {
        self.columns = columns
        self.rows = rows
        self.link = link
    }
}
