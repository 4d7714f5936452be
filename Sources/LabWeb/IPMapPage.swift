import LabIP
import LabModel

/// `/ipam`: every prefix; one network drawn as a grid of one cell per address (coloured by
/// its range's purpose, filled when allocated, holder/DNS/range on hover, linking to the
/// address) or, when larger, as a grid of blocks shaded by use, each linking to its grid.
public struct IPMapPage {
    public let prefixes: [IPMap.PrefixSummary]
    /// The network drawn and how, when one was chosen (or the first prefix).
    public let shown: (network: IPNetwork, prefix: IPMap.PrefixSummary, drawing: IPMap.Drawing)?

    public init(prefixes: [IPMap.PrefixSummary], shown: (network: IPNetwork, prefix: IPMap.PrefixSummary, drawing: IPMap.Drawing)?) {
        self.prefixes = prefixes
        self.shown = shown
    }

    public func render() -> String {
        var html = HTML()
        html.element("h1", "IP map")
        html.raw("<div class=\"scroll\"><table><thead><tr><th>prefix</th><th>name</th><th>gateway</th><th>used</th><th>usable</th></tr></thead><tbody>")
        for prefix in prefixes {
            html.raw("<tr><td>")
            html.link("/ipam?net=" + HTML.urlComponent(prefix.cidr.description), prefix.cidr.description)
            html.raw("</td>")
            html.element("td", prefix.name ?? "")
            html.element("td", prefix.gateway?.description ?? "")
            html.element("td", String(prefix.used))
            html.element("td", AddressCount.format(prefix.usable))
            html.raw("</tr>")
        }
        html.raw("</tbody></table></div>")
        guard let shown else {
            html.element("p", "No prefixes yet: add one to the lab file.", class: "muted")
            return PageLayout.page(title: "IP map", api: "/api/v1/ranges", body: html)
        }
        html.raw("<h2>")
        html.text(shown.network.description)
        if shown.network != shown.prefix.cidr {
            html.raw(" <span class=\"muted\">in ")
            html.link("/ipam?net=" + HTML.urlComponent(shown.prefix.cidr.description), shown.prefix.cidr.description)
            html.raw("</span>")
        }
        html.raw("</h2>")
        switch shown.drawing {
        case .cells(let cells):
            legend(&html)
            html.raw("<div class=\"grid\" id=\"grid\" data-network=\"\(HTML.escape(shown.network.description))\">")
            var anchored = Set<String>()
            for cell in cells {
                let purpose = cell.purpose?.rawValue ?? "none"
                var classes = "cell p-\(purpose) role-\(cell.role.rawValue)"
                if cell.isAllocated { classes += " allocated" }
                var title = cell.address.description
                if cell.role != .usable { title += " · \(cell.role.rawValue)" }
                if let range = cell.range { title += " · range \(range) (\(purpose))" }
                title += cell.holder.map { " · \($0)" } ?? " · free"
                if let dns = cell.dns { title += " · \(dns)" }
                let label = cell.address.family == .v4 ? String(cell.address.description.split(separator: ".").last ?? "") : String(cell.address.description.split(separator: ":").last ?? "")
                var id = ""
                if let range = cell.range, anchored.insert(range).inserted { id = " id=\"range-\(HTML.escape(range))\"" }
                html.raw("<a\(id) class=\"\(classes)\" href=\"/api/v1/addresses/\(HTML.escape(cell.address.description))\" title=\"\(HTML.escape(title))\"")
                html.raw(" data-address=\"\(HTML.escape(cell.address.description))\" data-purpose=\"\(purpose)\" data-holder=\"\(HTML.escape(cell.holder ?? ""))\">")
                html.text(label)
                html.raw("</a>")
            }
            html.raw("</div>")
            let allocated = cells.filter(\.isAllocated)
            html.element("h2", "Allocated (\(allocated.count))")
            html.raw("<div class=\"scroll\"><table><thead><tr><th>address</th><th>holder</th><th>DNS name</th><th>range</th></tr></thead><tbody>")
            for cell in allocated {
                html.raw("<tr>")
                html.element("td", cell.address.description)
                html.raw("<td>")
                if let holder = cell.holder, holder.hasPrefix("machine ") {
                    html.link("/machines/" + HTML.urlComponent(String(holder.dropFirst(8))), holder)
                } else {
                    html.text(cell.holder ?? "")
                }
                html.raw("</td>")
                html.element("td", cell.dns ?? "")
                html.element("td", cell.range ?? "")
                html.raw("</tr>")
            }
            html.raw("</tbody></table></div>")
        case .blocks(let blocks):
            html.element("p", "Each block is a /\(blocks.first?.network.length ?? 0); darker is fuller. Open one to see its addresses.", class: "muted")
            html.raw("<div class=\"grid\" id=\"blocks\" data-network=\"\(HTML.escape(shown.network.description))\">")
            for block in blocks {
                let fraction = block.size == 0 ? 0 : Double(block.used) / Double(block.size)
                let title = "\(block.network) · \(block.used) of \(AddressCount.format(block.size)) allocated"
                html.raw("<a class=\"block\" style=\"--u:\(String(format: "%.3f", min(1, fraction)))\" href=\"/ipam?net=\(HTML.urlComponent(block.network.description))\" title=\"\(HTML.escape(title))\" data-used=\"\(block.used)\">")
                html.text(block.used == 0 ? "" : String(block.used))
                html.raw("</a>")
            }
            html.raw("</div>")
        }
        return PageLayout.page(title: "IP map \(shown.network)", api: "/api/v1/addresses?cidr=" + HTML.urlComponent(shown.network.description), body: html)
    }

    private func legend(_ html: inout HTML) {
        html.raw("<div class=\"legend\">")
        for purpose in ["static", "cluster", "load-balancer", "dhcp", "reserved", "none"] {
            html.raw("<span><span class=\"cell p-\(purpose) allocated\"></span>\(purpose == "none" ? "outside ranges" : purpose)</span>")
        }
        html.raw("<span><span class=\"cell p-none\"></span>free (outlined)</span>")
        html.raw("<span><span class=\"cell p-none role-network\"></span>network / broadcast</span>")
        html.raw("<span><span class=\"cell p-none role-gateway\"></span>gateway</span>")
        html.raw("</div>")
    }
}
