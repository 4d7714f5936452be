import Foundation
import Testing

/// Malformed requests: each gets a clear problem document, and the database is unchanged.
@Suite("labdb serve: bad input")
struct ServeBadInputTests {
    @Test("malformed JSON, wrong types, missing fields, bad addresses, injection attempts, unknown routes")
    func refusals() throws {
        let server = try ServeProcess(arguments: ["--max-body", "4K"])
        let token = try server.token("w", scope: "admin")
        let before = try server.dump()
        let cases: [(String, String, String?, Int, String)] = [
            ("POST", "/api/v1/ranges/metallb/allocations", "{not json", 400, "not valid JSON"),
            ("POST", "/api/v1/ranges/metallb/allocations", #"{"to": 42}"#, 400, "'to' must be a string"),
            ("POST", "/api/v1/ranges/metallb/allocations", #"{"dns": "x"}"#, 400, "'to' is required"),
            ("POST", "/api/v1/ranges/metallb/allocations", #"{"to": "z440", "count": "two"}"#, 400, "'count' must be an integer"),
            ("POST", "/api/v1/ranges/metallb/allocations", #"{"to": "z440", "count": 0}"#, 400, "count"),
            ("POST", "/api/v1/ranges/metallb/allocations", "", 400, "JSON body"),
            ("POST", "/api/v1/ranges/metallb/allocations", #"{"to": "nobody'); DROP TABLE addresses; --"}"#, 404, "no machine or service"),
            ("POST", "/api/v1/ranges/metallb'%20OR%201=1/allocations", #"{"to": "z440"}"#, 404, "no range named"),
            ("POST", "/api/v1/addresses", #"{"address": "999.1.1.1", "to": "z440"}"#, 400, "not an IP address"),
            ("POST", "/api/v1/addresses", #"{"address": "192.168.1.0", "to": "z440"}"#, 400, "network"),
            ("DELETE", "/api/v1/addresses/not-an-ip", nil, 400, "not an IP address"),
            ("GET", "/api/v1/ranges/metallb/next?count=abc", nil, 400, "count"),
            ("GET", "/api/v1/query", nil, 400, "statement"),
            ("GET", "/api/v1/query?q=hosts%20where%20name%20%3D%20'x'%3B%20DROP%20TABLE%20machines", nil, 400, ""),
            ("POST", "/api/v1/query", "delete hosts z440; drop table machines", 400, ""),
            ("POST", "/api/v1/capacity/fit", #"{"cpu": "four", "ram": "8G"}"#, 400, "'cpu' must be an integer"),
            ("POST", "/api/v1/capacity/fit", #"{"cpu": 4, "ram": "lots"}"#, 400, "not a size"),
            ("POST", "/api/v1/import?dry_run=maybe", "prefixes: []", 400, "dry_run"),
            ("POST", "/api/v1/import", "prefixes: [", 422, ""),
            ("GET", "/api/v1/no/such/route", nil, 404, "openapi"),
            ("POST", "/api/v1/ranges/metallb/allocations", String(repeating: " ", count: 8192) + #"{"to": "z440"}"#, 413, "4096 bytes"),
            ("POST", "/api/v1/import?dry_run=true", String(repeating: "#", count: 10_000), 413, "max-body"),
        ]
        for (method, path, body, status, words) in cases {
            let response = try server.request(method, path, token: token, body: body)
            #expect(response.status == status, "\(method) \(path): \(response.text)")
            #expect(response.headers["content-type"] == "application/problem+json", "\(method) \(path)")
            let detail = response.object["detail"] as? String ?? ""
            #expect(!detail.isEmpty, "\(method) \(path)")
            if !words.isEmpty { #expect(detail.contains(words), "\(method) \(path): \(detail)") }
            #expect(!response.text.contains(server.database) && !response.text.contains(token), "no path or token in problems")
        }
        #expect(try server.dump() == before, "nothing was written")
        let after = try server.request("GET", "/api/v1/ranges", token: token)
        #expect(after.status == 200)
    }
}
