import Foundation
import LabModel

/// Pi-hole v6 through its REST API (FTL): local DNS hosts (`IP NAME`), CNAME entries
/// (`ALIAS,TARGET`), and wildcard A/AAAA records as `address=/DOMAIN/IP` lines in
/// `misc.dnsmasq_lines`. That array is replaced as a whole by `PATCH /api/config`, so it is
/// read first and every line labdb does not own (the admin's, other tools') is kept exactly.
///
/// One login per run (`POST /api/auth`) and a logout in `close()` (`DELETE /api/auth`),
/// since sessions are limited. Entry changes are sent with `?restart=false` (FTL would
/// otherwise restart its resolver after each CNAME change; FTL PR #2632 extends the flag
/// to every array item) and the resolver is restarted once at the end
/// (`POST /api/action/restartdns`). Pi-hole keeps
/// no metadata per entry, so labdb's ownership is kept in its own table.
public final class PiholeAPIProvider: DNSProvider {
    public let target: DNSTarget
    let password: String
    let ownership: OwnershipStore
    let transport: any HTTPTransport
    let base: String
    private var sid: String?

    public var capabilities: DNSCapabilities { .piholeAPI }

    public init(target: DNSTarget, password: String, ownership: OwnershipStore, transport: any HTTPTransport) {
        self.target = target
        self.password = password
        self.ownership = ownership
        self.transport = transport
        var url = target.url ?? "http://pi.hole"
        while url.hasSuffix("/") { url.removeLast() }
        if url.hasSuffix("/api") { url.removeLast(4) }
        self.base = url + "/api"
    }

    public func currentRecords() throws -> [ObservedRecord] {
        try login()
        let owned = try ownership.ownedKeys()
        let hosts = try configList("hosts").map { ($0, DnsmasqLine.hostsRecords($0)) }
        let cnames = try configList("cnameRecords").map { ($0, DnsmasqLine.confRecords("cname=" + $0)) }
        // Only the address= lines are records; any other line there is foreign configuration.
        let wildcards = try dnsmasqLines().map { ($0, DnsmasqLine.confRecords($0).filter(\.isWildcard)) }
        return (hosts + cnames + wildcards).flatMap { entry, records in
            records.map { ObservedRecord(record: $0, handle: entry, owned: records.count == 1 && owned.contains($0.key)) }
        }
    }

    public func apply(_ plan: DNSPlan) -> DNSApplyReport {
        var report = DNSApplyReport()
        guard !plan.isEmpty else { return report }
        do {
            try login()
        } catch {
            report.notAttempted = plan.changes
            report.problems.append(scrub("\(error)"))
            return report
        }
        var changed = false
        // Wildcards live in one array, changed in one PATCH.
        let wildcardChanges = plan.changes.filter(\.record.isWildcard)
        // FTL restarts its resolver after a config PATCH by itself.
        if !wildcardChanges.isEmpty { _ = applyWildcards(wildcardChanges, to: &report) }
        let entryChanges = plan.changes.filter { !$0.record.isWildcard }
        // Removals first (CNAMEs before the hosts they may point at), then additions (hosts first).
        let removals = entryChanges.filter { $0.action != .create }.sorted { ($0.record.type == .cname ? 0 : 1, $0) < ($1.record.type == .cname ? 0 : 1, $1) }
        var removed = Set<DNSChange>()
        for change in removals {
            guard let old = change.old else { continue }
            do {
                try send("DELETE", entry: old.handle, type: old.record.type, accept: [200, 204, 404])
                changed = true
                removed.insert(change)
                if change.action == .delete { try record(change, in: &report) }
            } catch {
                report.fail(change, scrub("\(error)"))
            }
        }
        let additions = entryChanges.filter { $0.action != .delete }.sorted { ($0.record.type == .cname ? 1 : 0, $0) < ($1.record.type == .cname ? 1 : 0, $1) }
        for change in additions {
            guard let new = change.new else { continue }
            if change.action == .update && !removed.contains(change) { continue }  // its removal failed and is reported
            do {
                try send("PUT", entry: PiholeAPIProvider.entry(for: new), type: new.type, accept: [200, 201, 204])
                changed = true
                try record(change, in: &report)
            } catch {
                if change.action == .update {
                    // The old entry is gone and the new one is not there: say so, a re-run adds it.
                    try? ownership.remove(change.old!.record)
                    report.fail(change, scrub("\(error)") + " (the old entry was removed)")
                } else {
                    report.fail(change, scrub("\(error)"))
                }
            }
        }
        if changed {
            do {
                _ = try call("POST", base + "/action/restartdns", accept: [200, 204])
            } catch {
                report.problems.append("the entries were changed but restarting Pi-hole's resolver failed: \(scrub("\(error)")); run `pihole restartdns`")
            }
        }
        return report
    }

    /// Replaces labdb's own `address=` lines in `misc.dnsmasq_lines` (read fresh, every other
    /// line kept in place) with one PATCH; returns whether the array was changed.
    private func applyWildcards(_ changes: [DNSChange], to report: inout DNSApplyReport) -> Bool {
        do {
            var lines = try dnsmasqLines()
            let removed = Set(changes.compactMap { $0.old?.handle })
            lines.removeAll { removed.contains($0) }
            for change in changes where change.action != .delete {
                guard let new = change.new else { continue }
                let line = DnsmasqLine.line(for: new)
                if !lines.contains(line) { lines.append(line) }
            }
            let body = try JSONSerialization.data(withJSONObject: ["config": ["misc": ["dnsmasq_lines": lines]]])
            _ = try call("PATCH", base + "/config", body: body, accept: [200])
            for change in changes { try record(change, in: &report) }
            return true
        } catch {
            for change in changes { report.fail(change, scrub("\(error)")) }
            return false
        }
    }

    /// The lines of `misc.dnsmasq_lines`.
    private func dnsmasqLines() throws -> [String] {
        let response = try call("GET", base + "/config/misc/dnsmasq_lines", accept: [200])
        let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        guard let misc = (json?["config"] as? [String: Any])?["misc"] as? [String: Any], let lines = misc["dnsmasq_lines"] as? [String] else {
            throw DNSError.remote(target: target.name, detail: "GET /api/config/misc/dnsmasq_lines did not return config.misc.dnsmasq_lines; is this a Pi-hole v6?")
        }
        return lines
    }

    /// Logs out; sessions are a limited resource on the Pi-hole.
    public func close() {
        guard let sid else { return }
        self.sid = nil
        _ = try? transport.send(HTTPRequest(method: "DELETE", url: base + "/auth", headers: [HTTPHeader("sid", sid)]))
    }

    deinit { close() }

    /// The entry string Pi-hole stores for `record`.
    static func entry(for record: DNSRecord) -> String {
        record.type == .cname ? DnsmasqLine.cnameEntry(for: record) : "\(record.value) \(record.name)"
    }

    private func record(_ change: DNSChange, in report: inout DNSApplyReport) throws {
        report.applied.append(change)
        do {
            try ownership.record([change])
        } catch {
            report.problems.append("\(change.record) was applied but its ownership could not be recorded (\(error))")
        }
    }

    private func login() throws {
        guard sid == nil else { return }
        let body = try JSONSerialization.data(withJSONObject: ["password": password])
        let response: HTTPResponse
        do {
            response = try transport.send(HTTPRequest(method: "POST", url: base + "/auth", headers: [HTTPHeader("Content-Type", "application/json")], body: body))
        } catch {
            throw DNSError.remote(target: target.name, detail: scrub("\(error)") + "; check the target's url")
        }
        switch response.status {
        case 200:
            let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
            let session = json?["session"] as? [String: Any]
            guard session?["valid"] as? Bool == true, let sid = session?["sid"] as? String, !sid.isEmpty else {
                throw DNSError.authentication(target: target.name, detail: "Pi-hole did not open a session; check \(SecretReader.piholePassword)")
            }
            self.sid = sid
        case 401:
            throw DNSError.authentication(target: target.name, detail: "Pi-hole rejected the password (401); check \(SecretReader.piholePassword)")
        case 429:
            throw DNSError.remote(target: target.name, detail: "Pi-hole refused the login (429 \(errorKey(response))): too many sessions or logins; "
                                  + "wait a minute, or delete stale sessions under Settings > Web interface / API")
        default:
            throw DNSError.remote(target: target.name, detail: "POST /api/auth answered \(response.status)\(errorText(response))")
        }
    }

    private func configList(_ key: String) throws -> [String] {
        let response = try call("GET", base + "/config/dns/\(key)", accept: [200])
        let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        guard let dns = (json?["config"] as? [String: Any])?["dns"] as? [String: Any], let list = dns[key] as? [String] else {
            throw DNSError.remote(target: target.name, detail: "GET /api/config/dns/\(key) did not return config.dns.\(key); is this a Pi-hole v6?")
        }
        return list
    }

    private func send(_ method: String, entry: String, type: RecordType, accept: Set<Int>) throws {
        let list = type == .cname ? "cnameRecords" : "hosts"
        _ = try call(method, base + "/config/dns/\(list)/" + PercentEncoding.pathSegment(entry) + "?restart=false", accept: accept)
    }

    private func call(_ method: String, _ url: String, body: Data? = nil, accept: Set<Int>) throws -> HTTPResponse {
        var headers = [HTTPHeader("sid", sid ?? "")]
        if body != nil { headers.append(HTTPHeader("Content-Type", "application/json")) }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: body)
        let response: HTTPResponse
        do {
            response = try transport.send(request)
        } catch {
            throw DNSError.remote(target: target.name, detail: scrub("\(error)"))
        }
        if response.status == 401 {
            throw DNSError.authentication(target: target.name, detail: "\(request.summary) answered 401 (session not accepted)")
        }
        guard accept.contains(response.status) else {
            throw DNSError.remote(target: target.name, detail: "\(request.summary) answered \(response.status)\(errorText(response))")
        }
        return response
    }

    private func errorKey(_ response: HTTPResponse) -> String {
        let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        return ((json?["error"] as? [String: Any])?["key"] as? String).map(scrub) ?? "no detail"
    }

    private func errorText(_ response: HTTPResponse) -> String {
        let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        guard let error = json?["error"] as? [String: Any] else { return "" }
        let parts = [error["message"] as? String, error["hint"] as? String].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? "" : ": " + scrub(parts.joined(separator: "; "))
    }

    private func scrub(_ text: String) -> String { SecretScrubber(secret: password).scrub(text) }
}
