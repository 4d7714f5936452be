import Foundation
import Testing

/// Allocation, release, write statements and idempotent retries over HTTP, checked
/// against the command line on the same database.
@Suite("labdb serve: writes")
struct ServeWriteTests {
    @Test("allocate over HTTP, see it in `labdb ip list`, release it; the history names the token")
    func allocateAndRelease() throws {
        let server = try ServeProcess()
        let token = try server.token("terraform", scope: "write")
        let next = try server.request("GET", "/api/v1/ranges/metallb/next", token: token).rows.first?["address"] as? String
        let created = try server.request("POST", "/api/v1/ranges/metallb/allocations", token: token,
                                         body: #"{"to": "z440", "dns": "grafana-lb.lab.mathiaswouters.com", "description": "Grafana"}"#)
        #expect(created.status == 201, "\(created.text)")
        let address = created.rows.first?["address"] as? String
        #expect(address != nil && address == next)
        #expect(created.rows.first?["holder"] as? String == "machine z440")
        let list = try server.cli(["ip", "list", "metallb"])
        #expect(list.stdout.contains(address ?? "-"))
        let history = try server.cli(["history", "--format", "json"])
        #expect(history.stdout.contains("token:terraform"))
        #expect(!history.stdout.contains("labdb_"), "the history must not hold a token")

        let exact = try server.request("POST", "/api/v1/addresses", token: token, body: #"{"address": "192.168.1.140", "to": "z440"}"#)
        #expect(exact.status == 201 && exact.rows.first?["address"] as? String == "192.168.1.140")
        let taken = try server.request("POST", "/api/v1/addresses", token: token, body: #"{"address": "192.168.1.140", "to": "z440"}"#)
        #expect(taken.status == 409 && taken.object["holder"] as? String == "machine z440")

        let released = try server.request("DELETE", "/api/v1/addresses/192.168.1.140", token: token)
        #expect(released.status == 200 && released.rows.first?["address"] as? String == "192.168.1.140")
        #expect(!(try server.cli(["ip", "list", "metallb"]).stdout.contains("192.168.1.140")))
        let again = try server.request("DELETE", "/api/v1/addresses/192.168.1.140", token: token)
        #expect(again.status == 404 && again.object["type"] as? String == "urn:labdb:problem:not-allocated")
    }

    @Test("allocating for a new Kubernetes service: new_service creates it; without it 404 with the hint; a typo is 409 with did-you-mean")
    func newService() throws {
        let server = try ServeProcess()
        let token = try server.token("ci", scope: "write")
        let refused = try server.request("POST", "/api/v1/ranges/metallb/allocations", token: token, body: #"{"to": "grafana-lb"}"#)
        #expect(refused.status == 404 && (refused.object["detail"] as? String)?.contains("--new-service") == true, "\(refused.text)")
        let created = try server.request("POST", "/api/v1/ranges/metallb/allocations", token: token,
                                         body: #"{"to": "grafana-lb", "new_service": {"cluster": "prod", "description": "Grafana LB"}}"#)
        #expect(created.status == 201, "\(created.text)")
        #expect(created.rows.first?["holder"] as? String == "service grafana-lb")
        let export = try server.cli(["export"]).stdout
        #expect(export.contains("grafana-lb") && export.contains("Grafana LB"))
        let typo = try server.request("POST", "/api/v1/ranges/metallb/allocations", token: token, body: #"{"to": "gitlb", "new_service": {}}"#)
        #expect(typo.status == 409 && typo.object["suggestion"] as? String == "gitlab", "\(typo.text)")
        let cluster = try server.request("POST", "/api/v1/ranges/metallb/allocations", token: token, body: #"{"to": "x-lb", "new_service": {"cluster": "prdo"}}"#)
        #expect(cluster.status == 404 && cluster.object["suggestion"] as? String == "prod", "\(cluster.text)")
    }

    @Test("a full range is 409 with its name and size, and says how to go on")
    func fullRange() throws {
        let server = try ServeProcess()
        let token = try server.token("ci", scope: "write")
        let free = try server.request("GET", "/api/v1/ranges/metallb", token: token).object
        let freeCount = ((free["range"] as? [[String: Any]])?.first?["free"] as? Int) ?? 0
        #expect(freeCount > 10)
        let all = try server.request("POST", "/api/v1/ranges/metallb/allocations", token: token, body: "{\"to\": \"z440\", \"count\": \(freeCount)}")
        #expect(all.status == 201 && all.rows.count == freeCount)
        let full = try server.request("POST", "/api/v1/ranges/metallb/allocations", token: token, body: #"{"to": "z440"}"#)
        #expect(full.status == 409)
        #expect(full.object["range"] as? String == "metallb")
        #expect(full.object["type"] as? String == "urn:labdb:problem:range-full")
    }

    @Test("a retried allocation with the same Idempotency-Key gets the first answer, not a second address")
    func idempotentRetry() throws {
        let server = try ServeProcess()
        let token = try server.token("ci", scope: "write")
        let body = #"{"to": "z440", "count": 2}"#
        let first = try server.request("POST", "/api/v1/ranges/metallb/allocations", token: token, body: body, headers: [("Idempotency-Key", "vm-42")])
        let retry = try server.request("POST", "/api/v1/ranges/metallb/allocations", token: token, body: body, headers: [("Idempotency-Key", "vm-42")])
        #expect(first.status == 201 && retry.status == 201)
        #expect(first.body == retry.body)
        #expect(retry.headers["idempotent-replayed"] == "true")
        let used = try server.cli(["ip", "list", "metallb", "--format", "json"]).stdout
        let count = (try JSONSerialization.jsonObject(with: Data(used.utf8)) as? [Any])?.count
        #expect(count == 4, "the seed's 2 and the 2 of the first answer only")
        let other = try server.request("POST", "/api/v1/ranges/metallb/allocations", token: token, body: #"{"to": "z440"}"#, headers: [("Idempotency-Key", "vm-42")])
        #expect(other.status == 422, "a key reused for another request")
        let fresh = try server.request("POST", "/api/v1/ranges/metallb/allocations", token: token, body: body, headers: [("Idempotency-Key", "vm-43")])
        #expect(fresh.status == 201 && fresh.body != first.body)
    }

    @Test("write statements need POST and a write token; they run as in the shell")
    func writeStatements() throws {
        let server = try ServeProcess()
        let reader = try server.token("reader", scope: "read")
        let writer = try server.token("writer", scope: "write")
        let statement = "set vms vault description = 'secrets, over HTTP'"
        let refused = try server.request("POST", "/api/v1/query", token: reader, body: statement)
        #expect(refused.status == 403)
        let done = try server.request("POST", "/api/v1/query", token: writer, body: statement)
        #expect(done.status == 200, "\(done.text)")
        #expect((done.object["message"] as? String)?.isEmpty == false)
        let read = try server.cli(["query", "vms where name = vault select description", "--format", "json"])
        #expect(read.stdout.contains("secrets, over HTTP"))
        let json = try server.request("POST", "/api/v1/query", token: reader, body: #"{"statement": "hosts"}"#, headers: [("Content-Type", "application/json")])
        #expect(json.status == 200 && !json.rows.isEmpty)
    }
}
