import LabIP
import LabModel

/// `/machines/NAME`: resources, host or guests, addresses, disks by pool, cluster roles,
/// the DNS names `dns plan` would publish for it, and its history.
public struct MachinePage {
    public let machine: MachineDetail
    /// The records `dns plan` would publish for it: view and text.
    public let published: [(view: String, record: String)]
    public let history: ResultTable

    public init(machine: MachineDetail, published: [(view: String, record: String)], history: ResultTable) {
        self.machine = machine
        self.published = published
        self.history = history
    }

    public func render() -> String {
        var html = HTML()
        let m = machine
        html.raw("<h1>")
        html.text(m.name)
        html.raw(" <span class=\"muted\">")
        html.text(m.kind + (m.enabled ? "" : " · disabled"))
        html.raw("</span></h1>")
        if let description = m.description { html.element("p", description, class: "description") }
        html.raw("<div class=\"scroll\"><table><tbody>")
        func row(_ label: String, _ value: String?, link: String? = nil) {
            guard let value, !value.isEmpty else { return }
            html.raw("<tr><th>")
            html.text(label)
            html.raw("</th><td>")
            if let link { html.link(link, value) } else { html.text(value) }
            html.raw("</td></tr>")
        }
        row("host", m.host, link: m.host.map { "/machines/" + HTML.urlComponent($0) })
        row("model", m.model)
        row("CPUs", m.cpus.map(String.init))
        row("RAM", m.ramBytes.map { ByteSize(bytes: $0).description })
        row("RAM reserve", m.ramReserveBytes.map { ByteSize(bytes: $0).description })
        row("tags", m.tags.joined(separator: ", "))
        for (key, value) in m.attributes.sorted(by: { $0.key < $1.key }) { row(key, value) }
        html.raw("</tbody></table></div>")
        if !m.guests.isEmpty {
            html.element("h2", "Guests (\(m.guests.count))")
            html.raw("<p>")
            for (index, guest) in m.guests.enumerated() {
                if index > 0 { html.raw(", ") }
                html.link("/machines/" + HTML.urlComponent(guest), guest)
            }
            html.raw("</p>")
        }
        html.element("h2", "Addresses")
        PageLayout.table(ResultTableView(columns: ["address", "range", "prefix", "DNS name", "description"],
                                         rows: m.addresses.map { [$0.address, $0.range ?? "", $0.prefix, $0.dnsName ?? "", $0.description ?? ""] },
                                         link: { index, text in index == 0 ? "/api/v1/addresses/" + HTML.urlComponent(text) : index == 2 ? "/ipam?net=" + HTML.urlComponent(text) : nil }),
                         into: &html)
        html.element("h2", "Disks")
        PageLayout.table(ResultTableView(columns: ["disk", "pool", "size", "media"],
                                         rows: m.disks.map { [$0.name, $0.pool ?? "", ByteSize(bytes: $0.sizeBytes).description, $0.media ?? ""] }), into: &html)
        if !m.clusters.isEmpty {
            html.element("h2", "Clusters")
            PageLayout.table(ResultTableView(columns: ["cluster", "role"], rows: m.clusters.map { [$0.cluster, $0.role] }), into: &html)
        }
        html.element("h2", "DNS names `dns plan` publishes")
        PageLayout.table(ResultTableView(columns: ["view", "record"], rows: published.map { [$0.view, $0.record] }), into: &html)
        html.element("h2", "History")
        PageLayout.table(ResultTableView(history), into: &html)
        return PageLayout.page(title: m.name, api: "/api/v1/machines/" + HTML.urlComponent(m.name), body: html)
    }
}
