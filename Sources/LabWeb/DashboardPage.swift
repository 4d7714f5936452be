import Foundation
import LabCapacity
import LabIP
import LabModel

/// `/`: each host's vCPUs and RAM against physical (reserve shown), each pool's allocation
/// (thin pools with their levels), clusters with their totals, ranges with their use and
/// first free address, and the findings of `labdb capacity`.
public struct DashboardPage {
    public let report: CapacityReport
    /// The rows of `labdb ranges` (for first free and purpose).
    public let ranges: ResultTable

    public init(report: CapacityReport, ranges: ResultTable) {
        self.report = report
        self.ranges = ranges
    }

    public func render() -> String {
        var html = HTML()
        html.element("h1", "The lab at a glance")
        html.element("h2", "Hosts")
        html.raw("<div class=\"cards\">")
        for host in report.hosts where host.hasResources && (host.isVMHost || host.guests > 0) {
            html.raw("<section class=\"card\"><h3>")
            html.link("/machines/" + HTML.urlComponent(host.name), host.name)
            html.raw("</h3>")
            let level = report.level(of: host.name)?.rawValue ?? "ok"
            if let cores = host.cores {
                let ratio = Double(host.vcpusCommitted) / Double(cores)
                PageLayout.meter("vCPUs", value: "\(host.vcpusCommitted) of \(cores) threads (\(String(format: "%.1f", ratio)):1, target \(report.limits.vcpuTarget.formatted()):1)",
                                 fraction: ratio / report.limits.vcpuTarget, level: ratio > report.limits.vcpuMax ? "critical" : ratio > report.limits.vcpuWarn ? "warning" : "ok", into: &html)
            }
            if let ram = host.ram {
                let reserve = Double(host.reserve.bytes) / Double(ram.bytes)
                PageLayout.meter("RAM", value: "\(ByteSize(bytes: host.ramCommitted)) of \(ram) (reserve \(host.reserve))",
                                 fraction: Double(host.ramCommitted) / Double(ram.bytes), reserve: reserve,
                                 level: (host.ramFree ?? 0) < 0 ? "critical" : level == "critical" ? "warning" : "ok", into: &html)
            }
            html.element("p", "\(host.guests) guests" + (host.disabledGuests > 0 ? ", \(host.disabledGuests) disabled" : ""), class: "muted")
            html.raw("</section>")
        }
        html.raw("</div>")

        html.element("h2", "Storage pools")
        html.raw("<div class=\"cards\">")
        for pool in report.pools {
            let object = "\(pool.host)/\(pool.name)"
            let level = report.level(of: object)?.rawValue ?? "ok"
            html.raw("<section class=\"card\" data-pool=\"\(HTML.escape(object))\" data-level=\"\(level)\"><h3>")
            html.text(object)
            html.raw("</h3>")
            let kind = pool.thin ? "thin \(pool.type.rawValue), over-commit \(String(format: "%.0f", pool.fraction * 100))%" : pool.type.rawValue
            PageLayout.meter(kind, value: "\(ByteSize(bytes: pool.allocated)) of \(pool.size) allocated", fraction: pool.fraction, level: level, into: &html)
            if pool.thin {
                html.element("p", "warning at \(Int(report.limits.thinWarn * 100))%, critical at \(Int(report.limits.thinCritical * 100))% · \(pool.disks) disks", class: "muted")
            }
            html.raw("</section>")
        }
        html.raw("</div>")

        html.element("h2", "Clusters")
        html.raw("<div class=\"scroll\"><table><thead><tr><th>cluster</th><th>nodes</th><th>vCPUs</th><th>RAM</th><th>disk</th><th>hosts</th></tr></thead><tbody>")
        for cluster in report.clusters {
            html.raw("<tr data-cluster=\"\(HTML.escape(cluster.name))\">")
            html.element("td", cluster.name)
            html.element("td", String(cluster.nodes))
            html.element("td", String(cluster.cpus))
            html.element("td", ByteSize(bytes: cluster.ram).description, class: "ram")
            html.element("td", ByteSize(bytes: cluster.disk).description)
            html.element("td", cluster.hosts.joined(separator: ", "))
            html.raw("</tr>")
        }
        html.raw("</tbody></table></div>")

        html.element("h2", "Ranges")
        let columns = Dictionary(uniqueKeysWithValues: ranges.columns.enumerated().map { ($1, $0) })
        html.raw("<div class=\"cards\">")
        for row in ranges.rows where row[columns["kind"]!].display == "range" {
            let name = row[columns["name"]!].display
            let used = row[columns["used"]!].display, size = row[columns["size"]!].display
            let percent: Double = if case .double(let value) = row[columns["percent"]!] { value } else { 0 }
            let level = report.level(of: "range \(name)")?.rawValue ?? "ok"
            html.raw("<section class=\"card\"><h3>")
            html.link("/ipam?net=" + HTML.urlComponent(row[columns["prefix"]!].display) + "#range-" + HTML.urlComponent(name), name)
            html.raw(" <span class=\"muted\">")
            html.text(row[columns["purpose"]!].display)
            html.raw("</span></h3>")
            PageLayout.meter("\(row[columns["first"]!].display) – \(row[columns["last"]!].display)", value: "\(used) of \(size) used", fraction: percent / 100, level: level, into: &html)
            html.element("p", "first free: \(row[columns["first_free"]!].display)", class: "muted")
            html.raw("</section>")
        }
        html.raw("</div>")

        html.element("h2", "Findings")
        if report.findings.isEmpty {
            html.element("p", "Nothing to look at.", class: "muted")
        } else {
            html.raw("<ul class=\"findings\">")
            for finding in report.findings.sorted(by: { ($0.level, $1.object) > ($1.level, $0.object) }) {
                html.raw("<li><span class=\"badge \(finding.level == .note ? "ok" : finding.level.rawValue)\">\(finding.level.rawValue)</span> ")
                html.element("strong", finding.object)
                html.text(": " + finding.message)
                html.raw("</li>")
            }
            html.raw("</ul>")
        }
        return PageLayout.page(title: "Dashboard", api: "/api/v1/capacity", body: html)
    }
}
