import Foundation
@testable import LabModel
import LabStore
import Testing

/// History rows are re-written with decoded addresses by a small writer instead of
/// JSONSerialization; the text must be exactly what JSONSerialization wrote.
@Suite("history rows: the small JSON writer matches JSONSerialization")
struct HistoryJSONTests {
    static func reference(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    /// Every before and after of the seed lab's import and of a second import that edits a
    /// description (quotes, a backslash, a slash, non-ASCII) and deletes the CNAME records.
    static func seedLabHistoryTexts() throws -> [String] {
        let scratch = try SafetyScratch()
        let db = try scratch.seededDatabase()
        var edited = try SafetyScratch.seedLab()
        edited.machines = edited.machines.map { machine in
            var changed = machine
            if machine.name == "gitlab" { changed.description = "say \"hi\" \\ to a/b — ✓" }
            return changed
        }
        edited.records.removeAll { $0.type == .cname }
        try LabImporter(database: db).apply(try LabImporter(database: db).plan(edited))
        return try db.query("SELECT before, after FROM changes").flatMap { row in [row.string("before"), row.string("after")].compactMap { $0 } }
    }

    @Test("every before and after of the seed lab's import, an edit and deletes")
    func seedLabRows() throws {
        let texts = try Self.seedLabHistoryTexts()
        for text in texts {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(HistoryJSONWriter.write(object) == (try Self.reference(object)), "\(text)")
        }
        #expect(texts.count > 100)
    }

    @Test("a row's fields, taken from its one parse, are those its decoded text gives when parsed again")
    func fieldsFromOneParse() throws {
        let texts = try Self.seedLabHistoryTexts()
        for text in texts {
            let once = ChangeHistory.decode(text)
            #expect(once.fields == ChangeHistory.decode(once.text).fields, "\(text)")
            #expect(!once.fields.isEmpty)
        }
        #expect(texts.count > 100)
        #expect(ChangeHistory.decode("not json") == ("not json", [:]))
    }

    @Test("text, whole numbers and nulls are written; anything else is left to JSONSerialization")
    func valueKinds() throws {
        let plain: [String: Any] = ["b": "x/y \"q\" \\ ü 🚀", "a": 42, "c": -7, "big": 9_007_199_254_740_993, "n": NSNull(), "ram_bytes": 0, "ramb": 1]
        let expected = try Self.reference(plain)
        #expect(HistoryJSONWriter.write(plain) == expected, "\(HistoryJSONWriter.write(plain) ?? "nil") vs \(expected)")
        #expect(HistoryJSONWriter.write(["a": 1.5]) == nil)
        #expect(HistoryJSONWriter.write(["a": true]) == nil)
        #expect(HistoryJSONWriter.write(["a": "line\nbreak"]) == nil)
        #expect(HistoryJSONWriter.write(["a": ["nested": 1]]) == nil)
    }
}
