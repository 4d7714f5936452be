/// `/query?q=...`: a text box running read statements; results as a table, errors with the
/// caret and suggestion as the shell shows them. The URL is the shareable query.
public struct QueryPage {
    /// What the statement gave.
    public enum Outcome: Sendable {
        case none
        case table(ResultTableView)
        case message(String)
        case error(String)
    }

    public let statement: String
    public let outcome: Outcome

    public init(statement: String, outcome: Outcome) {
        self.statement = statement
        self.outcome = outcome
    }

    public func render() -> String {
        var html = HTML()
        html.element("h1", "Query")
        html.raw("<form class=\"query\" method=\"get\" action=\"/query\"><textarea name=\"q\" aria-label=\"statement\" placeholder=\"vms where cluster = prod sort by ram desc\">")
        html.text(statement)
        html.raw("</textarea><button type=\"submit\">Run</button></form>")
        html.element("p", "Read statements of the query language (`hosts`, `vms where ...`, `ranges`, `capacity`); see docs/query-language.md.", class: "muted")
        switch outcome {
        case .none:
            break
        case .table(let table):
            html.element("h2", "\(table.rows.count) row\(table.rows.count == 1 ? "" : "s")")
            PageLayout.table(table, into: &html)
        case .message(let message):
            html.element("p", message)
        case .error(let message):
            html.raw("<pre class=\"error\" role=\"alert\">")
            html.text(message)
            html.raw("</pre>")
        }
        let api = statement.isEmpty ? "/api/v1/query" : "/api/v1/query?q=" + HTML.urlComponent(statement)
        return PageLayout.page(title: "Query", api: api, body: html)
    }
}
