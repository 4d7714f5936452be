import LabQuery
import Testing

/// Statements an attacker (or a generator) writes: long chains, deep nesting, NUL bytes.
@Suite("Hostile statements")
struct HostileStatementTests {
    private func read(_ text: String) throws -> ReadStatement {
        guard case .read(let read) = try Parser.parse(text) else { throw Diagnostic("not a read", at: SourceRange(0, 0)) }
        return read
    }

    private func diagnostic(_ text: String) -> Diagnostic? {
        do {
            _ = try Parser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("a chain of 5,000 and-terms (or or-terms) is one flat list, bound and compiled")
    func longChainIsFlat() throws {
        for op in ["and", "or"] {
            let text = "hosts where " + Array(repeating: "cpus = 1", count: 5_000).joined(separator: " \(op) ")
            let filter = try read(text).filter
            switch filter {
            case .all(let terms)? where op == "and": #expect(terms.count == 5_000)
            case .any(let terms)? where op == "or": #expect(terms.count == 5_000)
            default: Issue.record("not one flat \(op) chain")
            }
            guard case .read(let bound) = try Binder().bind(try Parser.parse(text)) else { Issue.record("not a read"); return }
            let sql = SQLCompiler().compile(bound).sql
            // Grouped in eights: parentheses nest about log8(5000) deep, not 5,000.
            var depth = 0, deepest = 0
            for c in sql {
                if c == "(" { depth += 1; deepest = max(deepest, depth) } else if c == ")" { depth -= 1 }
            }
            #expect(deepest < 12, "the SQL nests \(deepest) parentheses deep")
        }
    }

    @Test("a run of nots is one level of nesting; two nots cancel")
    func notRuns() throws {
        let many = try read("hosts where " + String(repeating: "not ", count: 5_001) + "cpus = 1").filter
        guard case .not(.compare)? = many else { Issue.record("5,001 nots should be one not: \(String(describing: many))"); return }
        let even = try read("hosts where not not cpus = 1").filter
        guard case .compare? = even else { Issue.record("two nots should cancel"); return }
    }

    @Test("more tests than the limit are refused with labdb's message at the first one too many")
    func tooManyTests() throws {
        let limit = Parser.maximumConditionValues
        let text = "hosts where " + Array(repeating: "cpus = 1", count: limit + 1).joined(separator: " or ")
        let found = diagnostic(text)
        #expect(found?.message == "the condition holds more than \(limit) tests and values")
        #expect(found?.range.lowerBound == text.count - "cpus = 1".count)
        let list = "hosts where name in (" + Array(repeating: "a", count: limit + 1).joined(separator: ", ") + ")"
        #expect(diagnostic(list)?.message == "the condition holds more than \(limit) tests and values")
    }

    @Test("a NUL character is refused where it stands, in or out of quotes")
    func nulRefused() {
        let quoted = diagnostic("set vms vault description = 'a\u{0}bcd'")
        #expect(quoted?.message == "the statement contains a NUL character (byte 0), which labdb cannot store")
        #expect(quoted?.range == SourceRange(30, 31))
        #expect(diagnostic("hosts\u{0}")?.range == SourceRange(5, 6))
    }

    @Test("the excerpt of a long line is a window around the token")
    func longLineExcerpt() {
        let text = "hosts where " + Array(repeating: "cpus = 1", count: 2_000).joined(separator: " and ") + " and rma"
        let found = diagnostic(text + " >")
        let excerpt = found?.excerpt(in: text + " >") ?? ""
        #expect(excerpt.count < 400)
        #expect(excerpt.contains("and rma >"))
        #expect(excerpt.hasSuffix("^"))
    }
}
