/// A page of headed tables: `/dns` (records by view, targets' last sync) and `/history`.
public struct ListPage {
    public let title: String
    public let api: String
    public let sections: [(heading: String, note: String?, table: ResultTableView)]

    public init(title: String, api: String, sections: [(heading: String, note: String?, table: ResultTableView)]) {
        self.title = title
        self.api = api
        self.sections = sections
    }

    public func render() -> String {
        var html = HTML()
        html.element("h1", title)
        for section in sections {
            html.element("h2", section.heading)
            if let note = section.note { html.element("p", note, class: "muted") }
            PageLayout.table(section.table, into: &html)
        }
        return PageLayout.page(title: title, api: api, body: html)
    }
}
