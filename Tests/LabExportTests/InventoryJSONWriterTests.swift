import Foundation
import LabExport
import Testing

@Suite("Inventory JSON writer")
struct InventoryJSONWriterTests {
    @Test("keys sorted, compact, a final newline")
    func sortedKeys() {
        let value = JSONValue.object(["b": .int(2), "a": .array([.null, .bool(true), .string("x")]), "C": .object([:])])
        #expect(JSONWriter().write(value) == "{\"C\":{},\"a\":[null,true,\"x\"],\"b\":2}\n")
    }

    @Test("quoting: quotes, backslashes, control characters; UTF-8 passes through")
    func quoting() {
        #expect(JSONWriter.quote("a\"b\\c") == "\"a\\\"b\\\\c\"")
        #expect(JSONWriter.quote("line\nnext\ttab\r") == "\"line\\nnext\\ttab\\r\"")
        #expect(JSONWriter.quote("\u{01}\u{1f}") == "\"\\u0001\\u001f\"")
        #expect(JSONWriter.quote("café ✓") == "\"café ✓\"")
    }

    @Test("what it writes, JSONSerialization reads back the same")
    func roundTrip() throws {
        let value = JSONValue.object(["text": .string("q\"\\\n\u{7}é"), "n": .int(-12), "list": .array([.int(1), .string("two")]),
                                      "fields": .fields([JSONField("a", .int(1)), JSONField("b", .null)])])
        for pretty in [false, true] {
            let data = Data(JSONWriter(pretty: pretty).write(value).utf8)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["text"] as? String == "q\"\\\n\u{7}é")
            #expect(object["n"] as? Int == -12)
            #expect((object["list"] as? [Any])?.count == 2)
            #expect((object["fields"] as? [String: Any])?["a"] as? Int == 1)
        }
    }

    @Test("pretty output indents by two spaces")
    func pretty() {
        #expect(JSONWriter(pretty: true).write(.object(["a": .array([.int(1)])])) == "{\n  \"a\": [\n    1\n  ]\n}\n")
    }
}
