import Foundation
import LabModel
import Testing
import LabTestSupport

/// Makes lab-file-like inputs: mutated corpus files and random YAML documents.
struct SafetyFuzzInputs {
    /// Pieces of YAML syntax and of the lab vocabulary that mutations splice in.
    static let tokens: [String] = [
        ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "&a ", "*a", "<<: *a", "!!str ", "!!binary ", "!foo ", "\t", "\n", "\n  ", "'", "\"",
        "? ", "|", ">-", "%YAML 1.1\n", "---\n", "...\n", "#", "~", "null", "true", "0x1F", "1e400", "-0", ".nan", "9999999999999999999999",
        "192.168.1.300", "::", "fd00::/200", "10.0.0.0/8", "256G", "-1G", "0", "name", "host", "cpus", "ram", "pool", "ip", "cidr",
        "ranges", "hosts", "vms", "zones", "records", "addresses", "disks", "\u{0}", "\u{FEFF}", "é", "\\", "\u{1F600}",
    ]
    static let keys = ["prefixes", "hosts", "vms", "clusters", "services", "zones", "name", "kind", "cidr", "first", "last", "purpose",
                       "ranges", "host", "cpus", "ram", "ram_reserve", "tags", "attributes", "addresses", "ip", "dns", "pools",
                       "type", "size", "thin", "disks", "pool", "media", "nodes", "machine", "role", "records", "value", "view",
                       "ttl", "proxied", "gateway", "description", "enabled", "cluster", "distribution", "bogus"]
    static let scalars = ["server", "vm", "lxc", "pi", "static", "load-balancer", "lvm-thin", "worker", "A", "AAAA", "CNAME",
                          "internal", "public", "192.168.1.10", "192.168.1.0/24", "fd00::1", "fd00::/64", "8G", "1.5T", "0", "-3",
                          "true", "false", "null", "~", "", "z440", "gitlab", "@", "*.k8s", "x.example.com", "300GiB", "12"]

    var random: SplitMix64

    /// `base` with 1 to 8 random byte flips, deletions, insertions, token splices or line moves.
    mutating func mutate(_ base: [UInt8]) -> [UInt8] {
        var bytes = base
        for _ in 0..<Int.random(in: 1...8, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where !bytes.isEmpty:
                bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
            case 1 where !bytes.isEmpty:
                let length = min(bytes.count - position, Int.random(in: 1...16, using: &random))
                bytes.removeSubrange(position..<(position + length))
            case 2:
                bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
            case 3:
                bytes.insert(contentsOf: Array(SafetyFuzzInputs.tokens.randomElement(using: &random)!.utf8), at: position)
            case 4 where !bytes.isEmpty:
                // Duplicate a span elsewhere: repeated keys, misplaced blocks.
                let length = min(bytes.count - position, Int.random(in: 1...64, using: &random))
                let span = Array(bytes[position..<(position + length)])
                bytes.insert(contentsOf: span, at: Int.random(in: 0...bytes.count, using: &random))
            default:
                // Change the indentation of a line.
                if let newline = bytes[position...].firstIndex(of: 10), newline + 1 <= bytes.count {
                    bytes.insert(contentsOf: Array(repeating: 32, count: Int.random(in: 1...3, using: &random)), at: newline + 1)
                }
            }
        }
        return bytes
    }

    /// A random YAML document built from the lab's keys and values, up to `depth` levels deep.
    mutating func document(depth: Int = 4) -> String {
        var lines: [String] = []
        node(depth: depth, indent: "", into: &lines, topLevel: true)
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func scalar() -> String {
        let text = SafetyFuzzInputs.scalars.randomElement(using: &random)!
        return Bool.random(using: &random) ? text : "\"\(text)\""
    }

    private mutating func node(depth: Int, indent: String, into lines: inout [String], topLevel: Bool = false) {
        let count = Int.random(in: topLevel ? 1...6 : 0...4, using: &random)
        let asMapping = topLevel || Bool.random(using: &random)
        for _ in 0..<max(count, 1) {
            let prefix = asMapping ? "\(SafetyFuzzInputs.keys.randomElement(using: &random)!):" : "-"
            if depth == 0 || Int.random(in: 0..<3, using: &random) == 0 {
                lines.append("\(indent)\(prefix) \(scalar())")
            } else if Int.random(in: 0..<4, using: &random) == 0 {
                let items = (0..<Int.random(in: 0...3, using: &random)).map { _ in scalar() }
                lines.append("\(indent)\(prefix) [\(items.joined(separator: ", "))]")
            } else {
                lines.append("\(indent)\(prefix)")
                node(depth: depth - 1, indent: indent + "  ", into: &lines)
            }
        }
    }
}

@Suite("Safety: lab-file importer fuzzing")
struct SafetyFuzzTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpusFolder = root.appendingPathComponent("Tests/LabModelTests/FuzzCorpus")

    /// Runs per test; `LABDB_FUZZ_RUNS` raises it for a longer session.
    static var runs: Int { Int(ProcessInfo.processInfo.environment["LABDB_FUZZ_RUNS"] ?? "") ?? 2_500 }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["LABDB_FUZZ_SEED"] ?? "") ?? 0x1AB_DB }

    static func corpus() throws -> [[UInt8]] {
        let names = try FileManager.default.contentsOfDirectory(atPath: corpusFolder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var files = try names.map { Array(try Data(contentsOf: corpusFolder.appendingPathComponent($0))) }
        files.append(Array(try Data(contentsOf: root.appendingPathComponent("seed/homelab.yaml"))))
        return files
    }

    enum Outcome { case parsed, rejected }

    /// Parses `bytes` as a lab file: a `Lab` or a `LabFileError` with at least one problem;
    /// anything else is recorded as a failure, with the input saved for replay.
    static func parse(_ bytes: [UInt8], run: Int, kind: String) -> Outcome? {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            _ = try LabFileParser(file: "fuzz").parse(text)
            return .parsed
        } catch let error as LabFileError {
            #expect(!error.problems.isEmpty, "run \(run): a LabFileError without problems")
            #expect(!error.description.isEmpty)
            return .rejected
        } catch {
            let saved = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-fuzz-\(kind)-\(run).yaml")
            try? Data(bytes).write(to: saved)
            Issue.record("run \(run) (\(kind)): \(type(of: error)) instead of LabFileError: \(error); input saved to \(saved.path)")
            return nil
        }
    }

    @Test("every corpus file parses or is refused with a LabFileError")
    func corpusFiles() throws {
        let files = try SafetyFuzzTests.corpus()
        #expect(files.count >= 6)
        var outcomes: [Outcome] = []
        for (index, file) in files.enumerated() {
            if let outcome = SafetyFuzzTests.parse(file, run: index, kind: "corpus") { outcomes.append(outcome) }
        }
        #expect(outcomes.count == files.count)
        // The seed lab and the small lab are valid: the corpus holds real lab files, not just noise.
        #expect(outcomes.filter { $0 == .parsed }.count >= 3)
    }

    @Test("byte-level mutations of the corpus never crash the importer")
    func mutatedFiles() throws {
        let files = try SafetyFuzzTests.corpus()
        var inputs = SafetyFuzzInputs(random: SplitMix64(seed: SafetyFuzzTests.seed))
        var parsed = 0, rejected = 0
        for run in 0..<SafetyFuzzTests.runs {
            let base = files[run % files.count]
            switch SafetyFuzzTests.parse(inputs.mutate(base), run: run, kind: "mutation") {
            case .parsed: parsed += 1
            case .rejected: rejected += 1
            case nil: break
            }
        }
        #expect(parsed + rejected == SafetyFuzzTests.runs)
        // Both outcomes occur: the mutations reach past the YAML layer into the lab's own checks.
        #expect(parsed > 0 && rejected > 0, "parsed \(parsed), rejected \(rejected)")
    }

    @Test("random YAML documents in the lab's vocabulary never crash the importer")
    func randomDocuments() throws {
        var inputs = SafetyFuzzInputs(random: SplitMix64(seed: SafetyFuzzTests.seed ^ 0xFEED))
        var parsed = 0, rejected = 0
        for run in 0..<SafetyFuzzTests.runs {
            switch SafetyFuzzTests.parse(Array(inputs.document().utf8), run: run, kind: "document") {
            case .parsed: parsed += 1
            case .rejected: rejected += 1
            case nil: break
            }
        }
        #expect(parsed + rejected == SafetyFuzzTests.runs)
        #expect(rejected > 0)
    }

    @Test("the generator is deterministic for a seed")
    func deterministic() {
        var a = SafetyFuzzInputs(random: SplitMix64(seed: 42)), b = SafetyFuzzInputs(random: SplitMix64(seed: 42))
        let base = Array("hosts:\n  - name: a\n    kind: pi\n".utf8)
        #expect((0..<20).map { _ in a.mutate(base) } == (0..<20).map { _ in b.mutate(base) })
        #expect(a.document() == b.document())
    }
}
