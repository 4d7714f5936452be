import Foundation
import LabServer
import Testing

/// The OpenAPI document describes exactly the routes the server answers.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let file = ServeProcess.root.appendingPathComponent("docs/openapi.json").path

    @Test("docs/openapi.json names every route of the server, with its method, and no other")
    func routesMatch() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: OpenAPIDocumentTests.file))) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var documented = Set<String>()
        for (path, operations) in paths {
            for method in operations.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        let served = Set(LabServerApplication.routeTable().map { "\($0.method) \($0.path)" })
        #expect(served.subtracting(documented).isEmpty, "routes missing from docs/openapi.json: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "documented routes the server lacks: \(documented.subtracting(served).sorted())")
        #expect(served.count > 25)
    }

    @Test("the server serves docs/openapi.json byte for byte")
    func servedDocument() throws {
        let server = try ServeProcess()
        let response = try server.request("GET", "/api/v1/openapi.json")
        #expect(response.status == 200)
        #expect(response.body == (try Data(contentsOf: URL(fileURLWithPath: OpenAPIDocumentTests.file))))
    }
}
