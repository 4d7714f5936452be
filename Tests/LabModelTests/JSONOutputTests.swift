import Foundation
import LabModel
import Testing

/// `--format json`, which the API answers every listing with: exact text, and text any JSON
/// parser reads back to the same values whatever the cells hold.
@Suite("--format json output")
struct JSONOutputTests {
    @Test("keys sorted, one object per line, every kind of cell")
    func exactText() {
        var table = ResultTable(columns: ["name", "cpus", "ram", "ratio", "on", "tags", "note"])
        table.rows.append([.text("z440"), .int(12), .size(68_719_476_736), .double(1.5), .bool(true), .list(["a", "b"]), .null])
        table.rows.append([.text("pi"), .int(4), .size(0), .double(.infinity), .bool(false), .list([]), .text("")])
        #expect(OutputFormat.json.render(table) == """
            [{"cpus":12,"name":"z440","note":null,"on":true,"ram":68719476736,"ratio":1.5,"tags":["a","b"]},
             {"cpus":4,"name":"pi","note":"","on":false,"ram":0,"ratio":null,"tags":[]}]

            """)
        #expect(OutputFormat.json.render(ResultTable(columns: ["a"])) == "[]\n")
    }

    @Test("quotes, backslashes, control characters and non-ASCII survive a round trip through a JSON parser")
    func awkwardText() throws {
        let texts = ["say \"hi\"", "back\\slash", "a/b", "line\nbreak\r\ttab", "bell\u{07} unit\u{1F} del\u{7F}", "Zoë ✓ 🚀", "é (e + combining)"]
        var table = ResultTable(columns: ["text", "list"])
        for text in texts { table.rows.append([.text(text), .list([text, text])]) }
        let output = OutputFormat.json.render(table)
        #expect(output.contains("\\u0007") && output.contains("\\u001f") && output.contains("\\n"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(parsed.map { $0["text"] as? String } == texts)
        #expect(parsed.map { $0["list"] as? [String] } == texts.map { [$0, $0] })
    }
}
