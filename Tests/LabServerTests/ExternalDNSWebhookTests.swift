import Foundation
import LabDNS
import LabTestSupport
import Testing

/// A client written from the external-dns webhook protocol document drives the real
/// `labdb serve` webhook listener: negotiation, records, changes, adjustments, limits,
/// ownership between clusters, and the way the records reach `labdb dns plan`.
@Suite("labdb serve: external-dns webhook")
struct ExternalDNSWebhookTests {
    static let mediaType = "application/external.dns.webhook+json;version=1"

    /// The seed lab with a pihole-files target (so that `dns plan` reads local files only).
    static func lab(_ folder: TemporaryFolder) throws -> String {
        try "".write(toFile: folder.file("custom.list"), atomically: true, encoding: .utf8)
        try "".write(toFile: folder.file("cname.conf"), atomically: true, encoding: .utf8)
        return try String(contentsOfFile: ServeProcess.seed, encoding: .utf8) + """

            dns_targets:
              - name: pihole
                kind: pihole-files
                zone: mathiaswouters.com
                view: internal
                hosts_file: \(folder.file("custom.list"))
                cname_file: \(folder.file("cname.conf"))

            """
    }

    /// A webhook request as external-dns sends it: Basic credentials from the URL's userinfo.
    static func hook(_ server: ServeProcess, _ method: String, _ path: String, token: String?, body: String? = nil, bearer: Bool = false) throws -> HTTPResponse {
        var headers = [HTTPHeader("Accept", mediaType)]
        if body != nil { headers.append(HTTPHeader("Content-Type", mediaType)) }
        if let token {
            headers.append(bearer ? HTTPHeader("Authorization", "Bearer \(token)")
                                  : HTTPHeader("Authorization", "Basic " + Data("prod:\(token)".utf8).base64EncodedString()))
        }
        return try CurlTransport(timeout: 60).send(HTTPRequest(method: method, url: "http://127.0.0.1:\(server.webhookPort)" + path,
                                                               headers: headers, body: body.map { Data($0.utf8) }))
    }

    @Test("negotiation, create, update (old/new pairs), delete, both key spellings; the records reach dns plan for the Pi-hole target")
    func protocolRoundTrip() throws {
        let scratch = try TemporaryFolder()
        let server = try ServeProcess(arguments: ["--external-dns-listen", "127.0.0.1:0"], labFile: try Self.lab(scratch))
        let prod = try server.token("prod-external-dns", scope: "external-dns")
        #expect(try server.cli(["token", "create", "x", "--scope", "external-dns"]).status == 1, "an external-dns token needs --cluster")

        let negotiation = try Self.hook(server, "GET", "/", token: prod)
        #expect(negotiation.status == 200)
        #expect(negotiation.headers["content-type"] == Self.mediaType, "external-dns compares the media type byte for byte")
        #expect(negotiation.object["include"] as? [String] == ["mathiaswouters.com"])
        #expect(try Self.hook(server, "GET", "/records", token: prod).text.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")

        let create = """
            {"create": [
              {"dnsName": "shop.k8s.mathiaswouters.com.", "targets": ["192.168.1.101"], "recordType": "A", "recordTTL": 0},
              {"dnsName": "App.mathiaswouters.com", "targets": ["ingress.prod.lab.mathiaswouters.com."], "recordType": "CNAME", "recordTTL": 300},
              {"dnsName": "a-shop.k8s.mathiaswouters.com", "targets": ["\\"heritage=external-dns,external-dns/owner=prod\\""], "recordType": "TXT"},
              {"dnsName": "mx.mathiaswouters.com", "targets": ["10 mail.example"], "recordType": "MX"}
            ]}
            """
        let created = try Self.hook(server, "POST", "/records", token: prod, body: create)
        #expect(created.status == 204, "\(created.text)")
        let records = try Self.hook(server, "GET", "/records", token: prod).json as? [[String: Any]] ?? []
        #expect(records.count == 3, "A, CNAME and the registry's TXT; MX is not held")
        #expect(records.contains { $0["dnsName"] as? String == "app.mathiaswouters.com" && $0["targets"] as? [String] == ["ingress.prod.lab.mathiaswouters.com"] && $0["recordTTL"] as? Int == 300 })

        // Update as old/new pairs, with the capitalised keys of external-dns before v0.17.
        let update = """
            {"UpdateOld": [{"dnsName": "shop.k8s.mathiaswouters.com", "targets": ["192.168.1.101"], "recordType": "A"}],
             "UpdateNew": [{"dnsName": "shop.k8s.mathiaswouters.com", "targets": ["192.168.1.102"], "recordType": "A"}]}
            """
        #expect(try Self.hook(server, "POST", "/records", token: prod, body: update, bearer: true).status == 204)
        let shop = (try Self.hook(server, "GET", "/records", token: prod).json as? [[String: Any]] ?? []).first { $0["dnsName"] as? String == "shop.k8s.mathiaswouters.com" }
        #expect(shop?["targets"] as? [String] == ["192.168.1.102"])

        let query = try server.cli(["query", "records where owner = 'external-dns:prod'", "--format", "json"])
        #expect(query.stdout.contains("shop.k8s.mathiaswouters.com") && query.stdout.contains("app.mathiaswouters.com"), "\(query.stdout)\(query.stderr)")
        let history = try server.cli(["history", "shop.k8s.mathiaswouters.com", "--format", "json"])
        #expect(history.stdout.contains("token:prod-external-dns"))

        let plan = try server.cli(["dns", "plan", "--target", "pihole"])
        #expect(plan.stdout.contains("+ create A shop.k8s.mathiaswouters.com 192.168.1.102"), "\(plan.stdout)")
        #expect(plan.stdout.contains("+ create CNAME app.mathiaswouters.com ingress.prod.lab.mathiaswouters.com"), "\(plan.stdout)")
        #expect(!plan.stdout.contains("heritage"), "the registry's TXT records are not published")

        let delete = #"{"delete": [{"dnsName": "app.mathiaswouters.com", "targets": ["ingress.prod.lab.mathiaswouters.com"], "recordType": "CNAME"}]}"#
        #expect(try Self.hook(server, "POST", "/records", token: prod, body: delete).status == 204)
        #expect(!(try Self.hook(server, "GET", "/records", token: prod).text.contains("app.mathiaswouters.com")))
        // A lab file import leaves the cluster's records alone.
        let export = try server.cli(["export"]).stdout
        #expect(!export.contains("shop.k8s"))
        try export.write(toFile: server.folder.file("again.yaml"), atomically: true, encoding: .utf8)
        #expect(try server.cli(["import", server.folder.file("again.yaml")]).status == 0)
        #expect(try Self.hook(server, "GET", "/records", token: prod).text.contains("shop.k8s.mathiaswouters.com"))
    }

    @Test("a second cluster cannot touch the first's records, a lab-file name is never taken; clashes skip, count and log, the batch still applies")
    func ownership() throws {
        let server = try ServeProcess(arguments: ["--external-dns-listen", "127.0.0.1:0"])
        let prod = try server.token("prod-external-dns", scope: "external-dns")
        let mgmt = try server.cli(["token", "create", "mgmt-external-dns", "--scope", "external-dns", "--cluster", "mgmt"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let reader = try server.token("reader", scope: "read")
        let mine = #"{"create": [{"dnsName": "grafana.k8s.mathiaswouters.com", "targets": ["192.168.1.100"], "recordType": "A"}]}"#
        #expect(try Self.hook(server, "POST", "/records", token: prod, body: mine).status == 204)

        let hostile = """
            {"create": [{"dnsName": "grafana.k8s.mathiaswouters.com", "targets": ["192.168.1.140"], "recordType": "A"},
                        {"dnsName": "gitlab.mathiaswouters.com", "targets": ["evil.example"], "recordType": "CNAME"},
                        {"dnsName": "argo.k8s.mathiaswouters.com", "targets": ["192.168.1.100"], "recordType": "A"}],
             "delete": [{"dnsName": "grafana.k8s.mathiaswouters.com", "targets": ["192.168.1.100"], "recordType": "A"}]}
            """
        let response = try Self.hook(server, "POST", "/records", token: mgmt, body: hostile)
        #expect(response.status == 204, "a clash does not fail the batch: \(response.text)")
        let prodRecords = try Self.hook(server, "GET", "/records", token: prod).json as? [[String: Any]] ?? []
        #expect(prodRecords.count == 1 && prodRecords.first?["targets"] as? [String] == ["192.168.1.100"], "prod's record is untouched")
        let mgmtRecords = try Self.hook(server, "GET", "/records", token: mgmt).json as? [[String: Any]] ?? []
        #expect(mgmtRecords.map { $0["dnsName"] as? String } == ["argo.k8s.mathiaswouters.com"], "only the free name was taken")
        #expect(try server.cli(["query", "records of gitlab"]).stdout.contains("gitlab.lab.mathiaswouters.com"), "the lab file's record stands")
        let metrics = try server.request("GET", "/metrics", token: reader).text
        #expect(metrics.contains("labdb_external_dns_clashes_total{cluster=\"mgmt\"} 2"), "\(metrics.split(separator: "\n").filter { $0.contains("clash") })")
        usleep(100_000)
        #expect(server.log.contains("warning: external-dns:mgmt: A grafana.k8s.mathiaswouters.com is held by external-dns:prod"))
    }

    @Test("authentication: no token 401, another scope 403, Basic or Bearer; adjustendpoints normalises; a 32 MiB limit")
    func authAndLimits() throws {
        let server = try ServeProcess(arguments: ["--external-dns-listen", "127.0.0.1:0"])
        let prod = try server.token("prod-external-dns", scope: "external-dns")
        let admin = try server.token("admin", scope: "admin")
        #expect(try Self.hook(server, "GET", "/records", token: nil).status == 401)
        #expect(try Self.hook(server, "GET", "/records", token: admin).status == 403)
        #expect(try Self.hook(server, "GET", "/records", token: prod + "x").status == 401)
        #expect(try Self.hook(server, "GET", "/records", token: prod, bearer: true).status == 200)
        #expect(try server.request("GET", "/api/v1/ranges", token: prod).status == 403, "an external-dns token reads nothing of the API")

        let adjust = #"[{"dnsName": "Shop.K8S.mathiaswouters.com.", "targets": ["Ingress.Example."], "recordType": "cname"}, {"dnsName": "x.mathiaswouters.com", "targets": ["1"], "recordType": "SRV"}]"#
        let adjusted = try Self.hook(server, "POST", "/adjustendpoints", token: prod, body: adjust)
        #expect(adjusted.status == 200 && adjusted.headers["content-type"] == Self.mediaType)
        let endpoints = adjusted.json as? [[String: Any]] ?? []
        #expect(endpoints.count == 1)
        #expect(endpoints.first?["dnsName"] as? String == "shop.k8s.mathiaswouters.com" && endpoints.first?["recordType"] as? String == "CNAME")
        #expect(endpoints.first?["targets"] as? [String] == ["ingress.example"])

        let big = "{\"create\": [], \"pad\": \"" + String(repeating: "x", count: 33 << 20) + "\"}"
        #expect(try Self.hook(server, "POST", "/records", token: prod, body: big).status == 413)
        let justUnder = "{\"create\": [], \"pad\": \"" + String(repeating: "x", count: 31 << 20) + "\"}"
        #expect(try Self.hook(server, "POST", "/records", token: prod, body: justUnder).status == 204)
        #expect(try Self.hook(server, "POST", "/records", token: prod, body: "{not json").status == 400)
        #expect(try Self.hook(server, "POST", "/records", token: prod, body: #"{"updateOld": [{"dnsName": "a.mathiaswouters.com"}]}"#).status == 400)
    }
}
