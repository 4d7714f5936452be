import Foundation
import Testing
import Yams
@testable import LabModel
import LabTestSupport

/// labdb composes lab files into a compact `YAMLTree` from libyaml's events; it used to
/// compose them with Yams. Yams stays the oracle: on the corpus, on thousands of mutations
/// of it and on random documents, both must build the same tree (kinds, text, plain or
/// quoted, line and column of every node) or both refuse the text at the same place.
@Suite("YAML composer: the same trees as Yams")
struct YAMLComposerTests {
    /// A node and everything under it as text, aliases written out, at most `budget` characters.
    private static func describe(_ node: YAMLNode, budget: inout Int, into out: inout String) {
        guard budget > 0 else { return }
        let mark = "@\(node.mark.line):\(node.mark.column)"
        switch node.kind {
        case .scalar:
            let text = "\(node.isPlain ? "p" : "q")\(mark)=\(node.string!.debugDescription) "
            out += text
            budget -= text.count
        case .sequence:
            out += "[\(mark) "
            for index in 0..<node.count { describe(node.item(index), budget: &budget, into: &out) }
            out += "] "
        case .mapping:
            out += "{\(mark) "
            for pair in 0..<node.count {
                describe(node.key(pair), budget: &budget, into: &out)
                out += ": "
                describe(node.value(pair), budget: &budget, into: &out)
            }
            out += "} "
        }
    }

    private static func describe(_ node: Node, budget: inout Int, into out: inout String) {
        guard budget > 0 else { return }
        let mark = node.mark.map { "@\($0.line):\($0.column)" } ?? "@?"
        switch node {
        case .scalar(let scalar):
            let text = "\(scalar.style == .plain ? "p" : "q")\(mark)=\(scalar.string.debugDescription) "
            out += text
            budget -= text.count
        case .sequence(let sequence):
            out += "[\(mark) "
            for item in sequence { describe(item, budget: &budget, into: &out) }
            out += "] "
        case .mapping(let mapping):
            out += "{\(mark) "
            for (key, value) in mapping {
                describe(key, budget: &budget, into: &out)
                out += ": "
                describe(value, budget: &budget, into: &out)
            }
            out += "} "
        case .alias:
            out += "alias "
        }
    }

    enum Outcome: Equatable {
        case tree(String)
        case empty
        /// Refused by libyaml itself (scanner or parser), at this line and column.
        case syntax(line: Int, column: Int)
        /// Refused while composing: an undefined alias, a repeated key, a second document.
        case composer
    }

    static let budget = 200_000

    static func labdb(_ text: String) -> Outcome {
        do {
            let (tree, _) = try YAMLComposer.compose(text)
            guard let root = tree.rootNode else { return .empty }
            var out = "", budget = YAMLComposerTests.budget
            describe(root, budget: &budget, into: &out)
            return .tree(out)
        } catch {
            guard let mark = error.mark, !error.message.contains("appears twice"), !error.message.contains("alias"),
                  !error.message.contains("more than one YAML document") else { return .composer }
            return .syntax(line: mark.line, column: mark.column)
        }
    }

    static func yams(_ text: String) -> Outcome {
        do {
            guard let root = try Yams.Parser(yaml: text, resolver: .basic).singleRoot() else { return .empty }
            var out = "", budget = YAMLComposerTests.budget
            describe(root, budget: &budget, into: &out)
            return .tree(out)
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, _, mark, _), let .parser(_, _, mark, _): return .syntax(line: mark.line, column: mark.column)
            default: return .composer
            }
        } catch {
            return .composer
        }
    }

    /// Compares both composers on `bytes`; returns whether they agreed.
    @discardableResult
    static func compare(_ bytes: [UInt8], label: String) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        let mine = labdb(text), theirs = yams(text)
        if mine == theirs { return true }
        // Yams compares repeated keys by their resolved tags, and compares lists and mappings
        // used as keys; labdb compares keys by their text only. Either way the lab file is
        // refused: labdb's reader refuses a repeated key name and any key that is not text.
        if mine == .composer || theirs == .composer {
            let refused = (try? LabFileParser(file: "fuzz").parse(text)) == nil
            #expect(refused, "\(label): composers disagree on a repeated key and labdb accepts the file")
            return refused
        }
        Issue.record("\(label): labdb \(String(describing: mine).prefix(300)) vs Yams \(String(describing: theirs).prefix(300))")
        return false
    }

    @Test("every corpus file, the seed lab and thousands of mutations compose as Yams composes them")
    func corpusAndMutations() throws {
        let files = try SafetyFuzzTests.corpus()
        var trees = 0
        for (index, file) in files.enumerated() {
            #expect(YAMLComposerTests.compare(file, label: "corpus \(index)"))
            if case .tree = YAMLComposerTests.yams(String(decoding: file, as: UTF8.self)) { trees += 1 }
        }
        #expect(trees >= 5)
        var inputs = SafetyFuzzInputs(random: SplitMix64(seed: SafetyFuzzTests.seed ^ 0x7AE1))
        var outcomes: [String: Int] = [:]
        for run in 0..<SafetyFuzzTests.runs {
            let bytes = inputs.mutate(files[run % files.count])
            if !YAMLComposerTests.compare(bytes, label: "mutation \(run)") {
                let saved = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-composer-\(run).yaml")
                try? Data(bytes).write(to: saved)
                Issue.record("input saved to \(saved.path)")
            }
            switch YAMLComposerTests.yams(String(decoding: bytes, as: UTF8.self)) {
            case .tree: outcomes["tree", default: 0] += 1
            case .syntax: outcomes["syntax", default: 0] += 1
            default: outcomes["other", default: 0] += 1
            }
        }
        // The mutations reach both sides: valid trees and refusals.
        #expect((outcomes["tree"] ?? 0) > 0 && (outcomes["syntax"] ?? 0) > 0, "\(outcomes)")
    }

    @Test("random documents in the lab's vocabulary, with anchors, flow style and quoting, compose as Yams composes them")
    func randomDocuments() {
        var inputs = SafetyFuzzInputs(random: SplitMix64(seed: SafetyFuzzTests.seed ^ 0xC0DE))
        for run in 0..<SafetyFuzzTests.runs {
            YAMLComposerTests.compare(Array(inputs.document().utf8), label: "document \(run)")
        }
    }

    @Test("anchors: a later anchor shadows an earlier one, an alias of a node being built is refused, a second document is refused")
    func anchorsAndDocuments() throws {
        let shadowed = "a: &x one\nb: *x\nc: &x two\nd: *x\n"
        #expect(YAMLComposerTests.compare(Array(shadowed.utf8), label: "shadowed"))
        let tree = try YAMLComposer.compose(shadowed).tree
        #expect((0..<4).map { tree.rootNode!.value($0).string } == ["one", "one", "two", "two"])
        // An alias shares the anchored node: no copy is made.
        #expect(tree.rootNode!.value(1).index == tree.rootNode!.value(0).index)
        for text in ["a: &x [1, *x]\n", "a: *nowhere\n", "a: 1\n---\nb: 2\n", "a: 1\nb: 2\na: 3\n"] {
            #expect(YAMLComposerTests.labdb(text) == .composer, "\(text)")
            #expect(YAMLComposerTests.yams(text) == .composer, "\(text)")
        }
        #expect(YAMLComposerTests.labdb("") == .empty && YAMLComposerTests.labdb("# only a comment\n") == .empty)
    }
}
