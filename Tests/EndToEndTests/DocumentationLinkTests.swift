import Foundation
import Testing

/// The README and docs/ link each other; a moved or renamed page must not leave a dead link.
@Suite("Documentation links")
struct DocumentationLinkTests {
    @Test("every relative link in README.md and docs/*.md points at a file of the checkout")
    func relativeLinksResolve() throws {
        let root = LabdbProcess.root
        let docs = root.appendingPathComponent("docs")
        let pages = [root.appendingPathComponent("README.md")]
            + (try FileManager.default.contentsOfDirectory(at: docs, includingPropertiesForKeys: nil)).filter { $0.pathExtension == "md" }
        #expect(pages.count >= 8)
        var checked = 0
        var dead: [String] = []
        for page in pages {
            let text = try String(contentsOf: page, encoding: .utf8)
            for match in text.matches(of: /\]\(([^)\s]+)\)/) {
                let target = String(match.1)
                if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("mailto:") || target.hasPrefix("#") { continue }
                let path = String(target.split(separator: "#", maxSplits: 1)[0])
                let resolved = page.deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL.path
                checked += 1
                if !FileManager.default.fileExists(atPath: resolved) { dead.append("\(page.lastPathComponent): \(target)") }
            }
        }
        #expect(checked > 20, "links were found and checked")
        #expect(dead.isEmpty, "dead links: \(dead)")
    }

    @Test("the README stays a first read: at most 300 lines of prose besides the benchmark tables, with the two commands")
    func readmeLength() throws {
        let text = try String(contentsOf: LabdbProcess.root.appendingPathComponent("README.md"), encoding: .utf8)
        // The tables between <!-- bench:NAME --> and <!-- /bench:NAME --> are scripts/bench's output, not prose.
        var inBlock = false, prose = 0, blocks = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("<!-- bench:") { inBlock = true; blocks += 1 } else if line.hasPrefix("<!-- /bench:") { inBlock = false } else if !inBlock { prose += 1 }
        }
        #expect(!inBlock, "a benchmark block is not closed")
        #expect(blocks >= 10, "every benchmark has its block")
        #expect(prose <= 300, "\(prose) lines of prose")
        #expect(text.contains("scripts/labdb") && text.contains("scripts/test"))
    }
}
