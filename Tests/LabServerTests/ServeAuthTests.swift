import Foundation
import Testing

/// Tokens and scopes: who may do what, and what the server says when they may not.
@Suite("labdb serve: tokens and scopes")
struct ServeAuthTests {
    @Test("no token 401, a narrow scope 403, expired and revoked 401, probes open")
    func matrix() throws {
        let server = try ServeProcess()
        let read = try server.token("r", scope: "read")
        let write = try server.token("w", scope: "write")
        let admin = try server.token("a", scope: "admin")
        let lab = try server.request("GET", "/api/v1/export", token: read).text
        let allocate = #"{"to": "z440"}"#
        let cases: [(String, String, String?, String?, Int)] = [
            ("GET", "/api/v1/ranges", nil, nil, 401),
            ("GET", "/api/v1/ranges", read, nil, 200),
            ("GET", "/metrics", nil, nil, 401),
            ("GET", "/healthz", nil, nil, 200),
            ("GET", "/readyz", nil, nil, 200),
            ("GET", "/api/v1/openapi.json", nil, nil, 200),
            // The imports come before the allocations: after them the export would be stale (409).
            ("POST", "/api/v1/import?dry_run=true", write, lab, 403),
            ("POST", "/api/v1/import?dry_run=true", admin, lab, 200),
            ("POST", "/api/v1/ranges/metallb/allocations", nil, allocate, 401),
            ("POST", "/api/v1/ranges/metallb/allocations", read, allocate, 403),
            ("POST", "/api/v1/ranges/metallb/allocations", write, allocate, 201),
            ("POST", "/api/v1/ranges/metallb/allocations", admin, allocate, 201),
            ("GET", "/api/v1/ranges", "labdb_notAToken", nil, 401),
            ("GET", "/api/v1/ranges", read + "x", nil, 401),
        ]
        for (method, path, token, body, status) in cases {
            let response = try server.request(method, path, token: token, body: body)
            #expect(response.status == status, "\(method) \(path) with \(token == nil ? "no token" : "a token"): \(response.text)")
            if status == 401 { #expect(response.headers["www-authenticate"]?.hasPrefix("Bearer") == true) }
        }
        let basic = try server.request("GET", "/api/v1/ranges", headers: [("Authorization", "Basic dTpw")])
        #expect(basic.status == 401)

        #expect(try server.cli(["token", "revoke", "r"]).status == 0)
        #expect(try server.request("GET", "/api/v1/ranges", token: read).status == 401)
        let list = try server.cli(["token", "list", "--format", "json"]).stdout
        #expect(list.contains("\"w\"") && !list.contains("\"r\""))
        #expect(list.contains("last_used"))
        #expect(!list.contains(write), "token list shows no token")
    }

    @Test("an expired token is refused with a message that says so")
    func expired() throws {
        let server = try ServeProcess()
        let token = try server.token("short", scope: "read", expires: "1m")
        #expect(try server.request("GET", "/api/v1/ranges", token: token).status == 200)
        // Age the token by hand: expiry is a stored time.
        let sql = Process()
        sql.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sql.arguments = [server.database, "UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00Z' WHERE name = 'short'"]
        try sql.run()
        sql.waitUntilExit()
        let response = try server.request("GET", "/api/v1/ranges", token: token)
        #expect(response.status == 401)
        #expect((response.object["detail"] as? String)?.contains("expired") == true)
    }

    @Test("--public-read opens GETs, never writes; the access log names tokens, never shows them")
    func publicRead() throws {
        let server = try ServeProcess(arguments: ["--public-read"])
        let write = try server.token("w", scope: "write")
        #expect(try server.request("GET", "/api/v1/ranges").status == 200)
        #expect(try server.request("GET", "/metrics").status == 200)
        #expect(try server.request("POST", "/api/v1/ranges/metallb/allocations", body: #"{"to": "z440"}"#).status == 401)
        #expect(try server.request("POST", "/api/v1/query", body: "release 192.168.1.101").status == 401)
        _ = try server.request("GET", "/api/v1/query?q=hosts", token: write)
        usleep(200_000)
        // The first line says where the server listens and which file it serves; the rest is the access log.
        let log = server.log.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
        #expect(log.contains("GET /api/v1/query 200"))
        #expect(log.contains(" w\n"), "the token's name is logged: \(log)")
        #expect(!log.contains(write), "the token is never logged")
        #expect(!log.contains("q=hosts"), "query strings are not logged")
        #expect(!log.contains(server.database), "the database path is not in the access log")
    }
}
