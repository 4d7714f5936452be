import Foundation
import LabModel
import LabTestSupport
import Testing

/// Issue 18, defect 8: `add records nas ... value = 192.168.1.9` succeeded and then
/// `labdb check` called it an error. Every integrity rule of `labdb check` is tried through
/// every write path that can express it (lab file import, shell statement, command line):
/// each write is refused, the database stays byte-identical and `check` stays clean.
@Suite("Write paths and check agree", .serialized)
struct WriteRuleParityTests {
    enum Write: CustomStringConvertible {
        /// An exported lab file, edited: (replace, with).
        case labFile(String, String)
        /// Statements piped to the shell.
        case shell(String)
        /// A command line (after `--db DB`).
        case command([String])

        var description: String {
            switch self {
            case .labFile(let old, let new): return "import (\(old.prefix(40)) -> \(new.prefix(40)))"
            case .shell(let text): return "shell: \(text)"
            case .command(let arguments): return "labdb " + arguments.joined(separator: " ")
            }
        }
    }

    static let nasRecord = "    records:\n      - name: nas\n        type: A\n        value: 192.168.1.9\n        view: internal\n"

    /// Rule → the writes that would break it. A path missing for a rule cannot express it
    /// (`set` reaches only cpus, ram, sizes and descriptions; ranges' bounds are not settable).
    static let cases: [(rule: String, writes: [Write])] = [
        ("record-unallocated", [
            .labFile("    records:\n", nasRecord),
            .labFile("    addresses:\n      - ip: 192.168.1.101\n        dns: ingress.prod.lab.mathiaswouters.com\n", ""),
            .shell("add records nas zone = mathiaswouters.com, type = A, value = 192.168.1.9, view = internal;"),
            .shell("release 192.168.1.101;"),
            .command(["ip", "release", "192.168.1.101"]),
        ]),
        ("record-value", [
            .labFile("    records:\n", "    records:\n      - name: bad\n        type: A\n        value: not-an-ip\n        view: internal\n"),
            .shell("add records bad zone = mathiaswouters.com, type = A, value = not-an-ip, view = internal;"),
        ]),
        ("address-outside-prefix", [
            .labFile("      - ip: 192.168.1.26\n", "      - ip: 10.9.9.9\n"),
            .shell("allocate 10.9.9.9 to vault;"),
            .command(["ip", "allocate", "10.9.9.9", "--to", "vault"]),
        ]),
        ("address-outside-range", [
            .labFile("      - ip: 192.168.1.26\n", "      - ip: 192.168.1.26\n        range: metallb\n"),
        ]),
        ("range-outside-prefix", [
            .labFile("        last: 192.168.1.29\n", "        last: 192.168.2.29\n"),
            .shell("add ranges far prefix = home, first = 10.0.0.1, last = 10.0.0.5, purpose = static;"),
        ]),
        ("range-overlap", [
            .labFile("        first: 192.168.1.30\n", "        first: 192.168.1.28\n"),
            .shell("add ranges straddle first = 192.168.1.28, last = 192.168.1.31, purpose = static;"),
        ]),
        ("range-contains-reserved", [
            .labFile("prefixes:\n", "prefixes:\n  - cidr: 192.168.1.48/28\n    name: lab48\n"),
            .shell("add prefixes lab48 cidr = 192.168.1.48/28;"),
        ]),
        ("reserved-address-allocated", [
            .labFile("      - ip: 192.168.1.26\n", "      - ip: 192.168.1.255\n"),
            .shell("allocate 192.168.1.255 to vault;"),
            .command(["ip", "allocate", "192.168.1.0", "--to", "vault"]),
        ]),
        ("disk-foreign-pool", [
            .labFile("        size: 20G\n        pool: local-lvm\n", "        size: 20G\n        pool: elsewhere\n"),
        ]),
    ]

    @Test("the matrix covers every integrity rule of labdb check")
    func everyRuleCovered() {
        #expect(Set(WriteRuleParityTests.cases.map(\.rule)) == ConsistencyCheck.integrityRules)
    }

    @Test("each write that would break a check rule is refused; the database is byte-identical and check stays clean")
    func everyPathRefuses() throws {
        let folder = try TemporaryFolder()
        let (db, before) = try TimedLabdb.seeded(in: folder.path)
        let exported = try TimedLabdb.run(["--db", db, "export"], limit: 30).stdout
        #expect(exported.contains("pool: local-lvm"))
        for (rule, writes) in WriteRuleParityTests.cases {
            for write in writes {
                let run: TimedLabdb.Result
                switch write {
                case .labFile(let old, let new):
                    #expect(exported.contains(old), "\(rule): the export has no \(old)")
                    let file = folder.file("edited.yaml")
                    try exported.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
                    let dry = try TimedLabdb.run(["--db", db, "import", file, "--dry-run"], limit: 30)
                    #expect(dry.status == 1, "\(rule): \(write) dry run was accepted: \(dry.stdout.suffix(200))")
                    run = try TimedLabdb.run(["--db", db, "import", file], limit: 30)
                case .shell(let text):
                    run = try TimedLabdb.run(["--db", db], stdin: text + "\n", limit: 30)
                case .command(let arguments):
                    run = try TimedLabdb.run(["--db", db] + arguments, limit: 30)
                }
                #expect(run.status == 1, "\(rule): \(write) was accepted: \(run.stdout.suffix(200))")
                #expect(FileManager.default.contents(atPath: db) == before, "\(rule): \(write) changed the database")
            }
        }
        let check = try TimedLabdb.run(["--db", db, "check"], limit: 30)
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test("the record of the issue: refused in check's words in the shell and from a lab file; allocating its address first lets it in")
    func recordOfTheIssue() throws {
        let folder = try TemporaryFolder()
        let (db, _) = try TimedLabdb.seeded(in: folder.path)
        let statement = "add records nas zone = mathiaswouters.com, type = A, value = 192.168.1.9, view = internal;\n"
        let refused = try TimedLabdb.run(["--db", db], stdin: statement, limit: 30)
        #expect(refused.stderr.contains("record nas.mathiaswouters.com A (internal) points at 192.168.1.9, which is not allocated"), "\(refused.stderr)")
        #expect(try TimedLabdb.run(["--db", db, "ip", "allocate", "192.168.1.9", "--to", "z440"], limit: 30).status == 0)
        #expect(try TimedLabdb.run(["--db", db], stdin: statement, limit: 30).status == 0)
        #expect(try TimedLabdb.run(["--db", db, "check"], limit: 30).status == 0)
        // Releasing the address now would leave the record dangling: refused the same way.
        let release = try TimedLabdb.run(["--db", db, "ip", "release", "192.168.1.9"], limit: 30)
        #expect(release.status == 1)
        #expect(release.stderr.contains("points at 192.168.1.9, which is not allocated"))
    }
}
