import Foundation
import Testing

/// `POST /api/v1/import`: the plan, the transaction, and what the network may not do.
@Suite("labdb serve: imports")
struct ServeImportTests {
    @Test("a dry run plans and changes nothing; a real import applies the plan in one go")
    func dryRunAndApply() throws {
        let server = try ServeProcess()
        let admin = try server.token("admin", scope: "admin")
        let lab = try server.request("GET", "/api/v1/export", token: admin).text
        let changed = lab.replacingOccurrences(of: "GitLab CE (public via Cloudflare Tunnel)", with: "GitLab CE, moved")
        #expect(changed != lab)
        let before = try server.dump()
        let dry = try server.request("POST", "/api/v1/import?dry_run=true", token: admin, body: changed)
        #expect(dry.status == 200, "\(dry.text)")
        #expect(dry.object["applied"] as? Bool == false)
        let changes = dry.object["changes"] as? [[String: Any]] ?? []
        #expect(changes.count == 1 && changes.first?["key"] as? String == "gitlab" && changes.first?["action"] as? String == "update")
        #expect(try server.dump() == before)
        let real = try server.request("POST", "/api/v1/import", token: admin, body: changed)
        #expect(real.status == 200 && real.object["applied"] as? Bool == true)
        // The same file, but for its revision line: the import made a newer revision.
        let withoutRevision = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("revision: ") } }
        #expect(withoutRevision(try server.cli(["export"]).stdout) == withoutRevision(changed))
        let again = try server.request("POST", "/api/v1/import", token: admin, body: changed)
        #expect(again.object["applied"] as? Bool == false && (again.object["changes"] as? [Any])?.isEmpty == true)
    }

    @Test("an import that sets a DNS target's reload_command (or files, or URL) is refused; nothing changes")
    func noCommandsOverTheNetwork() throws {
        let server = try ServeProcess()
        let admin = try server.token("admin", scope: "admin")
        let lab = try server.request("GET", "/api/v1/export", token: admin).text
        #expect(!lab.contains("dns_targets:"))
        let hostile = lab + """
            dns_targets:
              - name: evil
                kind: pihole-files
                zone: mathiaswouters.com
                view: internal
                hosts_file: /tmp/evil-hosts
                cname_file: /tmp/evil-cname
                reload_command: touch /tmp/labdb-pwned

            """
        #expect(hostile != lab)
        let before = try server.dump()
        for dryRun in [true, false] {
            let response = try server.request("POST", "/api/v1/import?dry_run=\(dryRun)&force=true", token: admin, body: hostile)
            #expect(response.status == 409, "\(response.text)")
            #expect((response.object["detail"] as? String)?.contains("reload_command") == true)
            #expect((response.object["detail"] as? String)?.contains("labdb import") == true)
            #expect(response.object["plan"] != nil)
        }
        #expect(try server.dump() == before)
        // The same file is accepted from the command line on the host.
        try hostile.write(toFile: server.folder.file("hostile.yaml"), atomically: true, encoding: .utf8)
        #expect(try server.cli(["import", server.folder.file("hostile.yaml"), "--dry-run"]).status == 0)
    }

    @Test("an import deleting more than 30% of the lab needs force=true; its plan comes back either way")
    func largeDeletions() throws {
        let server = try ServeProcess()
        let admin = try server.token("admin", scope: "admin")
        let lab = try server.request("GET", "/api/v1/export", token: admin).text
        // Keep the prefixes and ranges; drop every machine and what hangs on them (their records
        // too: a record at an address nobody holds is refused, as `labdb check` calls it an error).
        var kept: [Substring] = []
        var skipping = false
        for line in lab.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" "), !line.hasPrefix("-"), line.hasSuffix(":") || line.contains(": ") {
                skipping = ["hosts:", "vms:", "clusters:", "services:", "groups:", "zones:", "dns_targets:"].contains { line.hasPrefix($0) }
            }
            // The ranges' cluster links go with the clusters.
            if !skipping, !line.contains("clusters: [") { kept.append(line) }
        }
        let gutted = kept.joined(separator: "\n")
        let before = try server.dump()
        let refused = try server.request("POST", "/api/v1/import", token: admin, body: gutted)
        if refused.status == 422 {
            Issue.record("the gutted lab file did not parse: \(refused.text)")
            return
        }
        #expect(refused.status == 409, "\(refused.text)")
        #expect((refused.object["detail"] as? String)?.contains("force=true") == true)
        let plan = refused.object["plan"] as? [String: Any]
        #expect(((plan?["changes"] as? [[String: Any]]) ?? []).filter { $0["action"] as? String == "delete" }.count > 10)
        #expect(try server.dump() == before)
        let forced = try server.request("POST", "/api/v1/import?force=true", token: admin, body: gutted)
        #expect(forced.status == 200 && forced.object["applied"] as? Bool == true, "\(forced.text)")
    }

    @Test("a lab file error keeps file, line, column and key path")
    func labFileErrors() throws {
        let server = try ServeProcess()
        let admin = try server.token("admin", scope: "admin")
        let response = try server.request("POST", "/api/v1/import?dry_run=true", token: admin, body: "prefixes:\n  - cidr: 192.168.1.0/33\n")
        #expect(response.status == 422, "\(response.text)")
        let problems = response.object["problems"] as? [[String: Any]] ?? []
        #expect(problems.first?["line"] as? Int == 2)
        #expect(problems.first?["column"] is Int)
        #expect((problems.first?["path"] as? String)?.contains("prefixes") == true)
    }
}

/// Issue 18 through the API: a stale lab file, and a write `labdb check` would call an error.
@Suite("labdb serve: imports that undo others' work or break check's rules")
struct ServeHostileImportTests {
    @Test("an export made before an API allocation is refused 409 stale-import (with its plan) unless force=true")
    func staleImport() throws {
        let server = try ServeProcess()
        let admin = try server.token("admin", scope: "admin")
        let lab = try server.request("GET", "/api/v1/export", token: admin).text
        #expect(lab.contains("\nrevision: "))
        let allocated = try server.request("POST", "/api/v1/ranges/metallb/allocations", token: admin, body: #"{"to": "z440"}"#)
        #expect(allocated.status == 201)
        let before = try server.dump()
        let refused = try server.request("POST", "/api/v1/import", token: admin, body: lab)
        #expect(refused.status == 409, "\(refused.text)")
        #expect(refused.object["type"] as? String == "urn:labdb:problem:stale-import")
        #expect((refused.object["detail"] as? String)?.contains("was exported at revision") == true)
        #expect(refused.object["plan"] != nil)
        #expect(try server.dump() == before)
        #expect(try server.request("POST", "/api/v1/import?force=true", token: admin, body: lab).status == 200)
    }

    @Test("a record at an unallocated address is refused 409 breaks-check, in check's words")
    func breaksCheck() throws {
        let server = try ServeProcess()
        let admin = try server.token("admin", scope: "admin")
        let lab = try server.request("GET", "/api/v1/export", token: admin).text
        let withRecord = lab.replacingOccurrences(of: "    records:\n", with: "    records:\n      - name: nas\n        type: A\n        value: 192.168.1.9\n        view: internal\n")
        #expect(withRecord != lab)
        let before = try server.dump()
        let refused = try server.request("POST", "/api/v1/import", token: admin, body: withRecord)
        #expect(refused.status == 409, "\(refused.text)")
        #expect(refused.object["type"] as? String == "urn:labdb:problem:breaks-check")
        #expect((refused.object["detail"] as? String)?.contains("points at 192.168.1.9, which is not allocated") == true)
        #expect(try server.dump() == before)
    }
}
