import Foundation
import Testing

/// Every read endpoint of the real `labdb serve` process on the seed lab, compared with
/// what the command line prints for the same question.
@Suite("labdb serve: reads on the seed lab")
struct ServeReadTests {
    @Test("listings answer what the command line prints with --format json")
    func listingsMatchTheCommandLine() throws {
        let server = try ServeProcess()
        let token = try server.token("reader", scope: "read")
        let pairs: [(String, [String])] = [
            ("/api/v1/ranges", ["ranges", "--format", "json"]),
            ("/api/v1/addresses", ["ip", "list", "--format", "json"]),
            ("/api/v1/addresses?range=metallb", ["ip", "list", "metallb", "--format", "json"]),
            ("/api/v1/addresses/192.168.1.25", ["ip", "show", "192.168.1.25", "--format", "json"]),
            ("/api/v1/clusters", ["query", "clusters", "--format", "json"]),
            ("/api/v1/pools", ["query", "pools", "--format", "json"]),
            ("/api/v1/zones", ["query", "zones", "--format", "json"]),
            ("/api/v1/records", ["query", "records", "--format", "json"]),
            ("/api/v1/prefixes", ["query", "prefixes", "--format", "json"]),
            ("/api/v1/query?q=vms%20where%20cluster%20%3D%20prod", ["query", "vms where cluster = prod", "--format", "json"]),
            ("/api/v1/capacity", ["capacity", "--format", "json"]),
            ("/api/v1/export", ["export"]),
            ("/api/v1/inventory", ["inventory", "--list"]),
            ("/api/v1/inventory/hosts/gitlab", ["inventory", "--host", "gitlab"]),
        ]
        for (path, arguments) in pairs {
            let response = try server.request("GET", path, token: token)
            let cli = try server.cli(arguments)
            #expect(response.status == 200, "\(path): \(response.text)")
            #expect(cli.status == 0, "\(arguments): \(cli.stderr)")
            #expect(response.text == cli.stdout, "\(path) differs from labdb \(arguments.joined(separator: " "))")
        }
    }

    @Test("machines: filters by kind, cluster, host and tag; one machine with its addresses, disks and records")
    func machines() throws {
        let server = try ServeProcess()
        let token = try server.token("reader", scope: "read")
        let all = try server.request("GET", "/api/v1/machines", token: token).rows
        let hosts = try server.cli(["hosts", "--format", "json"]).stdout
        let vms = try server.cli(["vms", "--format", "json"]).stdout
        let cliCount = ((try JSONSerialization.jsonObject(with: Data(hosts.utf8)) as? [Any])?.count ?? 0)
            + ((try JSONSerialization.jsonObject(with: Data(vms.utf8)) as? [Any])?.count ?? 0)
        #expect(all.count == cliCount && cliCount > 10)
        let prod = try server.request("GET", "/api/v1/machines?cluster=prod", token: token).rows
        #expect(!prod.isEmpty && prod.allSatisfy { ($0["cluster"] as? String)?.contains("prod") == true })
        #expect(prod.count < all.count)
        let guests = try server.request("GET", "/api/v1/machines?kind=guest&host=z440", token: token).rows
        #expect(!guests.isEmpty && guests.allSatisfy { ($0["host"] as? String) == "z440" })
        let onlyHosts = try server.request("GET", "/api/v1/machines?kind=host", token: token).rows
        #expect(onlyHosts.contains { $0["name"] as? String == "z440" } && !onlyHosts.contains { $0["name"] as? String == "gitlab" })

        let gitlab = try server.request("GET", "/api/v1/machines/GitLab", token: token)
        #expect(gitlab.status == 200)
        let detail = gitlab.object
        #expect(detail["name"] as? String == "gitlab")
        #expect(detail["host"] as? String == "z440")
        let addresses = detail["addresses"] as? [[String: Any]] ?? []
        #expect(addresses.contains { $0["address"] as? String == "192.168.1.25" })
        let disks = detail["disks"] as? [[String: Any]] ?? []
        #expect(disks.contains { ($0["pool"] as? String)?.hasPrefix("z440/") == true })
        let worker = try server.request("GET", "/api/v1/machines/prod-worker-01", token: token).object
        let clusters = worker["clusters"] as? [[String: Any]] ?? []
        #expect(clusters.contains { $0["cluster"] as? String == "prod" && $0["role"] as? String == "worker" })
    }

    @Test("next free addresses allocate nothing; history lists the latest changes")
    func nextAndHistory() throws {
        let server = try ServeProcess()
        let token = try server.token("reader", scope: "read")
        let before = try server.dump()
        let next = try server.request("GET", "/api/v1/ranges/metallb/next?count=3", token: token)
        let cli = try server.cli(["ip", "next", "metallb", "--count", "3", "--format", "json"])
        #expect(next.status == 200 && next.text == cli.stdout)
        #expect(next.rows.count == 3)
        #expect(try server.dump() == before)
        let range = try server.request("GET", "/api/v1/ranges/metallb", token: token).object
        #expect((range["range"] as? [[String: Any]])?.first?["name"] as? String == "metallb")
        #expect((range["addresses"] as? [Any])?.count == 2)
        let history = try server.request("GET", "/api/v1/history?limit=5", token: token)
        #expect(history.status == 200 && !history.rows.isEmpty && history.rows.count <= 5)
    }

    @Test("unknown names are 404 problem documents with did-you-mean")
    func unknownNames() throws {
        let server = try ServeProcess()
        let token = try server.token("reader", scope: "read")
        let cases: [(String, String?)] = [
            ("/api/v1/machines/gitlb", "gitlab"), ("/api/v1/ranges/metalb/next", "metallb"),
            ("/api/v1/inventory/hosts/gitlb", "gitlab"), ("/api/v1/nothing-here", nil),
        ]
        for (path, suggestion) in cases {
            let response = try server.request("GET", path, token: token)
            #expect(response.status == 404, "\(path)")
            #expect(response.headers["content-type"] == "application/problem+json")
            let problem = response.object
            #expect(problem["status"] as? Int == 404)
            #expect((problem["type"] as? String)?.hasPrefix("urn:labdb:problem:") == true)
            #expect(problem["title"] is String && problem["detail"] is String)
            if let suggestion { #expect((problem["detail"] as? String)?.contains("did you mean '\(suggestion)'") == true, "\(path): \(response.text)") }
        }
    }

    @Test("a query error carries the position, the excerpt with its caret and the hint")
    func queryErrors() throws {
        let server = try ServeProcess()
        let token = try server.token("reader", scope: "read")
        let response = try server.request("GET", "/api/v1/query?q=vms%20where%20rma%20%3E%208G", token: token)
        #expect(response.status == 400)
        let problem = response.object
        #expect(problem["line"] as? Int == 1 && problem["column"] as? Int == 11)
        #expect((problem["excerpt"] as? String)?.contains("^^^") == true)
        #expect((problem["hint"] as? String)?.contains("ram") == true)
        let write = try server.request("GET", "/api/v1/query?q=release%20192.168.1.25", token: token)
        #expect(write.status == 405 && write.headers["allow"] == "POST")
    }

    @Test("a query past the time limit is stopped and answered 503 with its statement")
    func queryTimeLimit() throws {
        let server = try ServeProcess(arguments: ["--query-timeout", "0.000001"])
        let token = try server.token("reader", scope: "read")
        let response = try server.request("GET", "/api/v1/query?q=vms%20where%20ram%20%3E%201G%20sort%20by%20name", token: token)
        #expect(response.status == 503, "\(response.text)")
        #expect(response.object["statement"] as? String == "vms where ram > 1G sort by name")
        #expect((response.object["detail"] as? String)?.contains("limit") == true)
    }
}
