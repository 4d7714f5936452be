import Foundation
import LabIP
import LabQuery
import Testing
import LabTestSupport

/// Names the binder checks against, without a database.
private struct FixedNames: ObjectNames {
    let sources: [String: [String]]
    func contains(_ name: String, in source: String) -> Bool {
        sources[source]?.contains { $0.lowercased() == name.lowercased() } ?? false
    }
    func names(in source: String) -> [String] { sources[source] ?? [] }
}

private let labNames = FixedNames(sources: [
    "hosts": ["z440", "router", "edge-pi-01"], "vms": ["gitlab", "vault"], "clusters": ["prod", "mgmt", "edge"],
    "ranges": ["metallb", "infra"], "prefixes": ["home"], "services": ["prod-ingress"], "zones": ["mathiaswouters.com"],
    "pools": ["local-lvm"], "holders": ["z440", "gitlab", "prod", "prod-ingress"],
])

private func compile(_ text: String) throws -> CompiledQuery {
    let bound = try Binder(names: labNames).bind(try Parser.parse(text))
    guard case .read(let read) = bound else { throw Diagnostic("not a read", at: SourceRange(0, 0)) }
    return SQLCompiler().compile(read)
}

private func diagnostic(_ text: String) -> Diagnostic? {
    do {
        _ = try Binder(names: labNames).bind(try Parser.parse(text))
        return nil
    } catch {
        return error
    }
}

@Suite("Query language: lexer and parser")
struct QueryParserTests {
    @Test("words keep names, sizes, addresses and CIDRs whole")
    func lexerWords() throws {
        let tokens = try Lexer("ips where ip in 192.168.1.0/26 and dns ~ 'edge-*' or ram>=8G").tokens()
        #expect(tokens.map(\.text) == ["ips", "where", "ip", "in", "192.168.1.0/26", "and", "dns", "~", "edge-*", "or", "ram", ">=", "8G", ""])
        #expect(tokens[8].kind == .string)
        #expect(tokens.last?.kind == .end)
    }

    @Test("a doubled quote inside a string is one quote")
    func quotedQuote() throws {
        let tokens = try Lexer("'it''s'").tokens()
        #expect(tokens[0].text == "it's")
    }

    @Test("and binds tighter than or; not applies to one predicate")
    func precedence() throws {
        guard case .read(let read) = try Parser.parse("vms where a = 1 or b = 2 and not c = 3") else { Issue.record("not a read"); return }
        guard case .any(let terms) = read.filter, terms.count == 2, case .all(let inner) = terms[1], inner.count == 2, case .not = inner[1] else { Issue.record("wrong shape: \(String(describing: read.filter))"); return }
    }

    @Test("clauses may come in any order, each once")
    func clauseOrder() throws {
        guard case .read(let read) = try Parser.parse("vms select name limit 3 where ram > 1G sort by name desc") else { Issue.record("not a read"); return }
        #expect(read.limit?.text == "3")
        #expect(read.sort.first?.descending == true)
        #expect(diagnostic("vms limit 3 limit 4")?.message == "'limit' may appear only once")
    }

    @Test("parse errors point at the token")
    func parseErrorRange() {
        let d = diagnostic("hosts where cpus > ")
        #expect(d?.range == SourceRange(19, 19))
        #expect(d?.message == "expected a value, found the end of the statement")
        let text = "hosts where (cpus > 1"
        #expect(diagnostic(text)?.excerpt(in: text) == "  hosts where (cpus > 1\n                       ^")
    }

    @Test("deep nesting is refused, not a crash")
    func deepNesting() {
        let text = "vms where " + String(repeating: "(", count: 500) + "ram > 1G" + String(repeating: ")", count: 500)
        #expect(diagnostic(text)?.message == "the condition nests too deeply")
    }
}

@Suite("Query language: binder and diagnostics")
struct QueryBinderTests {
    @Test("misspelled entities, fields and names get a did-you-mean")
    func suggestions() {
        #expect(diagnostic("vmz")?.hint == "did you mean 'vms'?")
        #expect(diagnostic("vms where rma > 8G")?.hint == "did you mean 'ram'?")
        #expect(diagnostic("vms of z44")?.description == "no host or cluster named 'z44'; did you mean 'z440'?")
        #expect(diagnostic("ips where ip in metalb")?.hint == "did you mean 'metallb'?")
        #expect(diagnostic("vms where host = z44")?.hint == "did you mean 'z440'?")
    }

    @Test("values must suit the field's type")
    func types() {
        #expect(diagnostic("vms where ram > 8")?.message == "ram is a size; '8' has no unit")
        #expect(diagnostic("vms where cpus = four")?.message == "cpus is a whole number; 'four' is not")
        #expect(diagnostic("hosts where ip = 192.168.1")?.message == "ip is an address; '192.168.1' is not one")
        #expect(diagnostic("ips where ip in 192.168.1.1/24")?.message == "'192.168.1.1/24' has host bits set; did you mean 192.168.1.0/24?")
        #expect(diagnostic("hosts where cpus ~ '1*'")?.message == "cpus is int; ~ matches text fields only")
        #expect(diagnostic("hosts sum name")?.message == "cannot sum name: it is text")
        #expect(diagnostic("hosts where dns = null")?.hint == "write dns is null")
    }

    @Test("the rendered diagnostic has the line and a caret under the token")
    func rendering() {
        let text = "vms\nwhere ram >= 8G\n  and hots = z440"
        let d = diagnostic(text)
        #expect(d?.line(in: text) == 3)
        #expect(d?.rendered(in: text) == "vms have no field 'hots'; did you mean 'host'?\n    and hots = z440\n        ^^^^")
    }
}

@Suite("Query language: SQL compiler")
struct QueryCompilerTests {
    @Test("every value is a bound parameter")
    func boundValues() throws {
        let query = try compile("vms where ram >= 8G and host = z440 and name ~ 'g*' sort by ram desc limit 5")
        #expect(query.arguments == [.integer(8 << 30), .text("z440"), .text("g*"), .integer(5)])
        #expect(!query.sql.contains("z440"))
        #expect(!query.sql.contains("g*"))
        #expect(query.sql.hasSuffix("ORDER BY t.ram_bytes DESC LIMIT ?"))
        #expect(query.sql.filter { $0 == "?" }.count == query.arguments.count)
    }

    @Test("an address in a CIDR becomes a family and a byte range")
    func cidr() throws {
        let query = try compile("ips where ip in 192.168.1.0/26")
        let first = IPAddress("192.168.1.0")!.bytes, last = IPAddress("192.168.1.63")!.bytes
        #expect(query.arguments == [.integer(4), .blob(first), .blob(last)])
        #expect(query.sql.contains("t.address BETWEEN ? AND ?"))
    }

    @Test("a range name is looked up by SQL, bound as a value")
    func rangeName() throws {
        let query = try compile("ips where ip in metallb")
        #expect(query.arguments == [.text("metallb"), .text("metallb")])
        #expect(query.sql.contains("FROM ranges xr WHERE xr.name = ?"))
    }

    @Test("of binds the name once per relation placeholder")
    func owner() throws {
        let query = try compile("vms of z440")
        #expect(query.arguments == [.text("z440"), .text("z440")])
        #expect(query.sql.filter { $0 == "?" }.count == 2)
    }

    @Test("count and sum group by the first column")
    func grouping() throws {
        let count = try compile("vms count by host")
        #expect(count.columns.map(\.name) == ["host", "count"])
        #expect(count.sql.contains("GROUP BY 1 ORDER BY 1"))
        let sum = try compile("vms sum ram by cluster sort by ram desc")
        #expect(sum.columns.map(\.name) == ["cluster", "ram"])
        #expect(sum.columns.map(\.type) == [.text, .size])
        #expect(sum.sql.hasSuffix("GROUP BY 1 ORDER BY 2 DESC"))
    }

    @Test("writes compile to statements with bound values only")
    func writes() throws {
        guard case .add(let entity, let name, let fields) = try Binder(names: labNames).bind(try Parser.parse("add vms web host = z440, ram = 4G, type = lxc")) else {
            Issue.record("not an add"); return
        }
        let insert = SQLCompiler().compileAdd(entity, name: name, fields)
        #expect(insert.sql == "INSERT INTO machines (name, host_id, ram_bytes, kind) VALUES (?, (SELECT id FROM machines WHERE name = ? COLLATE NOCASE AND kind NOT IN ('vm', 'lxc')), ?, ?)")
        #expect(insert.arguments == [.text("web"), .text("z440"), .integer(4 << 30), .text("lxc")])
        guard case .set(let setEntity, let key, _, let assignments) = try Binder(names: labNames).bind(try Parser.parse("set vms gitlab ram = 12G, description = null")) else {
            Issue.record("not a set"); return
        }
        let update = SQLCompiler().compileSet(setEntity, key: key, assignments)
        #expect(update.sql == "UPDATE machines SET ram_bytes = ?, description = ? WHERE id = ?")
        #expect(update.values == [.integer(12 << 30), .null])
        #expect(update.lookup.arguments == [.text("gitlab")])
        #expect(diagnostic("add vms web")?.message == "a new vm needs its host")
        #expect(diagnostic("add vms gitlab host = z440")?.message == "a vm named 'gitlab' already exists")
        #expect(diagnostic("set vms gitlab host = z440")?.message == "the host of a vm cannot be changed with set")
        #expect(diagnostic("delete ips 192.168.1.25")?.hint == "use release ADDRESS")
    }

    @Test("injection attempts stay values")
    func injection() throws {
        let query = try compile("hosts where name = 'x''; DROP TABLE machines; --' or description = \"1 OR 1=1\"")
        #expect(query.arguments == [.text("x'; DROP TABLE machines; --"), .text("1 OR 1=1")])
        #expect(!query.sql.contains("DROP"))
    }
}

/// Random statements: pieces of the language, valid statements with mutations, and noise.
struct StatementFuzzer {
    var random: SplitMix64
    static let pieces = Parser.keywords + Catalog.lab.entities.map(\.name) + Catalog.lab.entities.flatMap { $0.fields.map(\.name) }
        + ["=", "!=", "<", "<=", ">", ">=", "~", "=~", "!~", "(", ")", ",", ";", "'", "\"", "--", "8G", "300GiB", "0", "-1",
           "99999999999999999999", "192.168.1.0/26", "192.168.1.25", "fd00::1", "::/0", "10.0.0.0/33", "metallb", "z440",
           "'edge-*'", "'(['", "'^a+$'", "*", "é", "\u{0}", "\n", "\t", "x''y", "1.5T", "yes"]
    static let seeds = ["vms where ram >= 8G and host = z440 sort by ram desc limit 5", "ips where ip in 192.168.1.0/26",
                        "vms count by host", "hosts where name ~ 'edge-*' or not (cpus in (1, 2))", "vms sum ram by cluster",
                        "records of gitlab", "set vms gitlab ram = 12G", "delete host z440", "allocate infra to gitlab dns x"]

    mutating func next() -> String {
        switch random.next() % 3 {
        case 0:
            return (0..<Int(random.next() % 14)).map { _ in StatementFuzzer.pieces.randomElement(using: &random)! }.joined(separator: " ")
        case 1:
            var characters = Array(StatementFuzzer.seeds.randomElement(using: &random)!)
            for _ in 0..<Int(random.next() % 4) + 1 where !characters.isEmpty {
                let index = Int(random.next() % UInt64(characters.count))
                switch random.next() % 3 {
                case 0: characters.remove(at: index)
                case 1: characters.insert(Array(" ()'\";=~<>,.-/*:9aZ").randomElement(using: &random)!, at: index)
                default: characters.swapAt(index, Int(random.next() % UInt64(characters.count)))
                }
            }
            return String(characters)
        default:
            let scalars = (0..<Int(random.next() % 40)).map { _ in Character(Unicode.Scalar(UInt8(random.next() % 128))) }
            return String(scalars)
        }
    }
}

@Suite("Query language: fuzzing")
struct QueryFuzzTests {
    /// LABDB_FUZZ_RUNS and LABDB_FUZZ_SEED make a session longer or different.
    static var runs: Int { Int(ProcessInfo.processInfo.environment["LABDB_FUZZ_RUNS"] ?? "") ?? 20_000 }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["LABDB_FUZZ_SEED"] ?? "") ?? 0x1AB_DB }

    @Test("20,000 random statements: each parses and binds, or yields a diagnostic inside the text; compiled SQL binds every placeholder")
    func fuzz() {
        var fuzzer = StatementFuzzer(random: SplitMix64(seed: QueryFuzzTests.seed))
        var accepted = 0, diagnosed = 0
        for _ in 0..<QueryFuzzTests.runs {
            let text = fuzzer.next()
            let length = text.count
            do {
                let bound = try Binder(names: labNames).bind(try Parser.parse(text))
                accepted += 1
                if case .read(let read) = bound {
                    let query = SQLCompiler().compile(read)
                    #expect(query.sql.filter { $0 == "?" }.count == query.arguments.count, "\(text)")
                }
            } catch {
                diagnosed += 1
                #expect(error.range.lowerBound >= 0 && error.range.upperBound <= length, "\(text)")
                #expect(!error.message.isEmpty)
                _ = error.rendered(in: text)
            }
        }
        #expect(accepted + diagnosed == QueryFuzzTests.runs)
        #expect(accepted > 100, "the generator should produce some valid statements")
    }
}
