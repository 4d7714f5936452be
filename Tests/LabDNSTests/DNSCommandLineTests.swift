import Foundation
import LabDNS
import Testing

/// Runs the built `labdb` binary and `scripts/dns-sync` (the test command builds first).
@Suite("DNS command line end to end")
struct DNSCommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let binary = root + "/.build/debug/labdb"
    static let token = "cf-cli-token-53cr3t"

    struct Run {
        let status: Int32
        let output: String
        let error: String
        var all: String { output + error }
    }

    static func run(_ arguments: [String], in folder: DNSTempFolder, environment: [String: String] = [:]) throws -> Run {
        let out = folder.file("out-\(UUID().uuidString)"), err = folder.file("err-\(UUID().uuidString)")
        var env = ["PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "HOME": folder.path, "LABDB_DB": folder.file("lab.db")]
        env.merge(environment) { _, new in new }
        let status = try ChildProcess(arguments, outputPath: out, errorPath: err, environment: env).wait()
        return Run(status: status, output: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                   error: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    static func setUp(_ folder: DNSTempFolder, cloudflare: DNSFixtureServer) throws {
        let targets = """
            dns_targets:
              - name: files
                kind: pihole-files
                zone: example.com
                view: internal
                hosts_file: \(folder.file("custom.list"))
                cname_file: \(folder.file("cname.conf"))
              - name: cloudflare
                kind: cloudflare
                zone: example.com
                view: public
                url: \(cloudflare.url)
            """
        try DNSTestLab.yaml(targets: targets).write(toFile: folder.file("lab.yaml"), atomically: true, encoding: .utf8)
        let initRun = try run([binary, "init", "--seed", folder.file("lab.yaml")], in: folder)
        #expect(initRun.status == 0, "\(initRun.error)")
    }

    @Test func planExitCodeApplyAndEmptySecondPlan() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let server = try DNSFixtureServer(script: "cloudflare_server.py", arguments: [Self.token, "example.com"]); defer { server.stop() }
        try Self.setUp(folder, cloudflare: server)
        let env = [SecretReader.cloudflareToken: Self.token]

        let targets = try Self.run([Self.binary, "dns", "targets"], in: folder, environment: env)
        #expect(targets.status == 0)
        #expect(targets.output.contains("LABDB_CLOUDFLARE_TOKEN set"))
        #expect(!targets.all.contains(Self.token))

        let plan = try Self.run([Self.binary, "dns", "plan", "--exit-code"], in: folder, environment: env)
        #expect(plan.status == 3, "\(plan.all)")
        #expect(plan.output.contains("+ create CNAME www.example.com example.pages.dev proxied"))
        #expect(plan.output.contains("Plan for files: 5 to create, 0 to update, 0 to delete (0 owned records)."))

        let json = try Self.run([Self.binary, "dns", "plan", "--target", "cloudflare", "--format", "json"], in: folder, environment: env)
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        let first = (object?["targets"] as? [[String: Any]])?.first
        #expect(first?["pending"] as? Bool == true)
        #expect((first?["summary"] as? [String: Any])?["create"] as? Int == 2)

        let apply = try Self.run([Self.binary, "dns", "apply"], in: folder, environment: env)
        #expect(apply.status == 0, "\(apply.all)")
        #expect(apply.output.contains("applied 5 of 5 changes to files"))
        #expect(apply.output.contains("applied 2 of 2 changes to cloudflare"))

        let again = try Self.run([Self.binary, "dns", "plan", "--exit-code"], in: folder, environment: env)
        #expect(again.status == 0, "a plan right after apply is empty: \(again.all)")
        #expect(again.output.contains("No changes for cloudflare"))
    }

    @Test func failingRunsNeverPrintTheSecret() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let server = try DNSFixtureServer(script: "cloudflare_server.py", arguments: [Self.token, "example.com"]); defer { server.stop() }
        try Self.setUp(folder, cloudflare: server)
        let wrong = "wrong-secret-value-8842"

        let plan = try Self.run([Self.binary, "dns", "plan", "--target", "cloudflare"], in: folder, environment: [SecretReader.cloudflareToken: wrong])
        #expect(plan.status == 1)
        #expect(plan.error.contains("refused the token"))
        #expect(!plan.all.contains(wrong))

        let apply = try Self.run([Self.binary, "dns", "apply"], in: folder, environment: [SecretReader.cloudflareToken: wrong])
        #expect(apply.status == 1)
        #expect(apply.error.contains("dns apply did not finish on cloudflare"))
        #expect(apply.output.contains("applied 5 of 5 changes to files"), "other targets still sync")
        #expect(!apply.all.contains(wrong))

        let secretFile = folder.file("token")
        try wrong.write(toFile: secretFile, atomically: true, encoding: .utf8)
        chmod(secretFile, 0o644)
        let open = try Self.run([Self.binary, "dns", "plan", "--target", "cloudflare"], in: folder,
                                environment: [SecretReader.cloudflareToken + "_FILE": secretFile])
        #expect(open.status == 1)
        #expect(open.error.contains("chmod 600"))
        #expect(!open.all.contains(wrong))
        let lab = try String(contentsOfFile: folder.file("lab.db"), encoding: .isoLatin1)
        #expect(!lab.contains(wrong), "never in the database")
    }

    @Test func dnsSyncScriptAppliesOnceAndRespectsTheLock() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let server = try DNSFixtureServer(script: "cloudflare_server.py", arguments: [Self.token, "example.com"]); defer { server.stop() }
        try Self.setUp(folder, cloudflare: server)
        let lock = folder.file("sync.lock")
        let env = [SecretReader.cloudflareToken: Self.token, "LABDB": Self.binary, "LABDB_DNS_LOCK": lock]
        let script = Self.root + "/scripts/dns-sync"

        // The holder is the process that owns the lock (no child inherits it), so killing it frees the lock.
        let holder = try ChildProcess(["/bin/sh", "-c", "exec 9>>\"$0\"; flock 9; exec sleep 30", lock])
        defer { holder.signal(SIGKILL); holder.wait() }
        var locked = false
        for _ in 0..<400 where !locked {
            let probe = try Self.run(["/usr/bin/flock", "-n", lock, "/bin/true"], in: folder)
            locked = probe.status != 0
            if !locked { usleep(50_000) }
        }
        #expect(locked)
        let blocked = try Self.run([script], in: folder, environment: env)
        #expect(blocked.status == 0)
        #expect(blocked.error.contains("another sync holds"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("custom.list")), "nothing ran while the lock was held")
        holder.signal(SIGKILL)

        var first = try Self.run([script], in: folder, environment: env)
        for _ in 0..<200 where first.error.contains("another sync holds") {
            usleep(100_000)
            first = try Self.run([script], in: folder, environment: env)
        }
        #expect(first.status == 0, "\(first.all)")
        #expect(first.output.contains("dns-sync: applied"))
        let second = try Self.run([script], in: folder, environment: env)
        #expect(second.status == 0)
        #expect(second.output.contains("every target matches the lab"))
    }

    @Test func applyRefusesLargeDeletionsWithoutForce() throws {
        let folder = try DNSTempFolder(); defer { folder.remove() }
        let server = try DNSFixtureServer(script: "cloudflare_server.py", arguments: [Self.token, "example.com"]); defer { server.stop() }
        func lab(_ count: Int) -> String {
            let records = (0..<count).map { "      - name: app\($0)\n        type: A\n        value: 203.0.113.\($0 + 1)\n        view: public\n" }.joined()
            return "zones:\n  - name: example.com\n    records:\n\(records)dns_targets:\n  - name: cloudflare\n    kind: cloudflare\n"
                + "    zone: example.com\n    view: public\n    url: \(server.url)\n"
        }
        let env = [SecretReader.cloudflareToken: Self.token]
        try lab(12).write(toFile: folder.file("lab.yaml"), atomically: true, encoding: .utf8)
        #expect(try Self.run([Self.binary, "init", "--seed", folder.file("lab.yaml")], in: folder).status == 0)
        #expect(try Self.run([Self.binary, "dns", "apply"], in: folder, environment: env).status == 0)

        try lab(7).write(toFile: folder.file("lab.yaml"), atomically: true, encoding: .utf8)
        #expect(try Self.run([Self.binary, "import", folder.file("lab.yaml")], in: folder).status == 0)
        let refused = try Self.run([Self.binary, "dns", "apply"], in: folder, environment: env)
        #expect(refused.status == 1)
        #expect(refused.error.contains("refusing to apply to cloudflare: the plan updates or deletes 5 of 12 records labdb owns there"))
        #expect((try server.state()["records"] as? [Any])?.count == 12, "nothing was deleted")
        let forced = try Self.run([Self.binary, "dns", "apply", "--force"], in: folder, environment: env)
        #expect(forced.status == 0, "\(forced.all)")
        #expect((try server.state()["records"] as? [Any])?.count == 7)
    }
}
