import Foundation
import LabDNS
import LabModel
import LabStore
import Testing

@Suite("DNS Cloudflare v4 provider against a local stand-in")
struct DNSCloudflareProviderTests {
    static let token = "cf-test-token-7f3a9c"

    static func setUp(_ folder: DNSTempFolder, extraRecords: Int = 0) throws -> (Database, DNSFixtureServer) {
        let server = try DNSFixtureServer(script: "cloudflare_server.py", arguments: [token, "example.com"])
        let targets = """
            dns_targets:
              - name: cloudflare
                kind: cloudflare
                zone: example.com
                view: public
                url: \(server.url)
            """
        let db = try LabDatabase.open(path: folder.file("lab.db"))
        var lab = try LabFileParser(file: "cf.yaml").parse(DNSTestLab.yaml(targets: targets))
        // More public records, to need several batches.
        lab.records += (0..<extraRecords).map { i in Record(zone: "example.com", name: "app\(i)", type: .a, value: "203.0.113.\(i % 250 + 1)", view: .public) }
        try LabImporter(database: db).apply(lab)
        return (db, server)
    }

    static func provider(_ db: Database, retry: RetryPolicy, token: String = token) throws -> (DNSSync, DNSTarget, any DNSProvider) {
        let sync = DNSSync(database: db, environment: [SecretReader.cloudflareToken: token], retry: retry)
        let target = try sync.targets(named: "cloudflare")[0]
        return (sync, target, try sync.provider(for: target))
    }

    static func foreign(_ count: Int) -> [[String: Any]] {
        (0..<count).map { ["type": "A", "name": "manual\($0).example.com", "content": "198.51.100.\($0 % 250 + 1)", "ttl": 3600] }
            + [["type": "TXT", "name": "example.com", "content": "v=spf1 -all"],
               ["type": "A", "name": "api.example.com", "content": "203.0.113.7", "ttl": 300, "comment": "made by hand"]]
    }

    @Test func paginatedListingForeignRecordsSurviveAndSecondPlanIsEmpty() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let (db, server) = try Self.setUp(folder); defer { server.stop() }
        try server.post("/__seed", Self.foreign(230))
        let recorder = DNSWaitRecorder()
        let (sync, target, provider) = try Self.provider(db, retry: recorder.policy)

        let plan = try sync.plan(target, provider: provider)
        #expect(try server.state()["list_pages"] as? Int == 3, "232 records at 100 per page")
        #expect(plan.changes.map(\.description) == ["+ create CNAME www.example.com example.pages.dev proxied"])
        #expect(plan.skipped.map(\.description) == ["! skip A api.example.com 203.0.113.7 ttl=300: the target already has this record without labdb's mark; it is left alone"])
        let report = provider.apply(plan)
        #expect(report.succeeded, "\(report)")

        let records = try server.state()["records"] as? [[String: Any]] ?? []
        #expect(records.count == 233)
        let www = try #require(records.first { $0["name"] as? String == "www.example.com" })
        #expect(www["comment"] as? String == "managed-by: labdb")
        #expect(www["ttl"] as? Int == 1)
        #expect(records.filter { ($0["name"] as? String)?.hasPrefix("manual") == true }.count == 230)

        let (sync2, target2, provider2) = try Self.provider(db, retry: recorder.policy)
        let second = try sync2.plan(target2, provider: provider2)
        #expect(second.isEmpty, "proxied forces ttl auto; the second plan must be empty: \(second.changes)")
        #expect(recorder.recorded.isEmpty)
    }

    @Test func ttlAndProxiedChangesAreUpdatesInPlace() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let (db, server) = try Self.setUp(folder); defer { server.stop() }
        let (sync, target, provider) = try Self.provider(db, retry: DNSWaitRecorder().policy)
        _ = provider.apply(try sync.plan(target, provider: provider))
        var lab = try Lab(database: db)
        lab.records = lab.records.map { r in
            var r = r
            if r.name == "api" { r.ttl = 600 }
            if r.name == "www" { r.proxied = false; r.ttl = 120 }
            return r
        }
        try LabImporter(database: db).apply(lab)
        let (sync2, target2, provider2) = try Self.provider(db, retry: DNSWaitRecorder().policy)
        let plan = try sync2.plan(target2, provider: provider2)
        #expect(plan.changes.map(\.description) == [
            "~ update A api.example.com ttl=300 → ttl=600",
            "~ update CNAME www.example.com ttl=auto proxied → ttl=120 not proxied",
        ])
        #expect(provider2.apply(plan).succeeded)
        let (sync3, target3, provider3) = try Self.provider(db, retry: DNSWaitRecorder().policy)
        #expect(try sync3.plan(target3, provider: provider3).isEmpty)
        let ids = Set((try server.state()["records"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        #expect(ids.count == 2, "patched in place, not recreated")
    }

    @Test func batchesHoldAtMost200AndTheSafetyRuleNeedsForce() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let (db, server) = try Self.setUp(folder, extraRecords: 448); defer { server.stop() }
        let (sync, target, provider) = try Self.provider(db, retry: DNSWaitRecorder().policy)
        let plan = try sync.plan(target, provider: provider)
        #expect(plan.creates.count == 450)
        #expect(provider.apply(plan).succeeded)
        #expect(try server.state()["batches"] as? [Int] == [200, 200, 50])

        var lab = try Lab(database: db)
        lab.records.removeAll { $0.name.hasPrefix("app") && $0.name.count > 5 }  // app100 ... app447
        try LabImporter(database: db).apply(lab)
        let (sync2, target2, provider2) = try Self.provider(db, retry: DNSWaitRecorder().policy)
        let deleting = try sync2.plan(target2, provider: provider2)
        #expect(deleting.deletes.count == 348)
        #expect(throws: DNSError.unsafePlan(target: "cloudflare", touched: 348, owned: 450)) { try deleting.checkSafety(force: false) }
        #expect(throws: Never.self) { try deleting.checkSafety(force: true) }
        #expect("\(DNSError.unsafePlan(target: "cloudflare", touched: 348, owned: 450))".contains("--force"))
    }

    @Test func rateLimitIsHonouredAndServerErrorsAreRetriedWithBackoff() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let (db, server) = try Self.setUp(folder); defer { server.stop() }
        try server.post("/__control", ["rate_limit_next": 2, "retry_after": "7"])
        let recorder = DNSWaitRecorder()
        let (sync, target, provider) = try Self.provider(db, retry: recorder.policy)
        let plan = try sync.plan(target, provider: provider)
        #expect(recorder.recorded == [7, 7], "retry-after honoured")
        try server.post("/__control", ["fail_next": 2])
        #expect(provider.apply(plan).succeeded)
        #expect(recorder.recorded == [7, 7, 0.5, 1.0], "5xx: exponential backoff")
        #expect(try server.state()["server_errors"] as? Int == 2)
    }

    @Test func persistentServerErrorsEndInAClearReport() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let (db, server) = try Self.setUp(folder); defer { server.stop() }
        let (sync, target, provider) = try Self.provider(db, retry: DNSWaitRecorder().policy)
        let plan = try sync.plan(target, provider: provider)
        try server.post("/__control", ["fail_always": true])
        let report = provider.apply(plan)
        #expect(!report.succeeded)
        #expect(report.applied.isEmpty)
        let reason = report.failed.first?.reason ?? ""
        #expect(reason.contains("/zones/0123456789abcdef0123456789abcdef/dns_records/batch answered 503: 10000 Service temporarily unavailable"))
        #expect(reason.contains("gave up after 4 attempts"))
        #expect(try server.state()["server_errors"] as? Int == 4)
        try server.post("/__control", ["fail_always": false])
        let (sync2, target2, provider2) = try Self.provider(db, retry: DNSWaitRecorder().policy)
        let again = try sync2.plan(target2, provider: provider2)
        #expect(again.changes == plan.changes, "nothing was applied, so the re-run plans the same")
        #expect(provider2.apply(again).succeeded)
    }

    @Test func badTokenFailsClearlyWithoutTheSecret() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let (db, server) = try Self.setUp(folder); defer { server.stop() }
        let wrong = "wrong-token-abc123"
        let (sync, target, provider) = try Self.provider(db, retry: DNSWaitRecorder().policy, token: wrong)
        var message = ""
        do { _ = try sync.plan(target, provider: provider) } catch { message = "\(error)" }
        #expect(message.contains("Cloudflare refused the token (403: 9109 Invalid access token)"))
        #expect(message.contains(SecretReader.cloudflareToken))
        #expect(!message.contains(wrong))
    }
}
