import Foundation
import Testing

/// The OpenAPI document exercised by schemathesis (PyPI) against the running server:
/// about a thousand generated requests, no 5xx, every response matching its schema,
/// status code and content type.
@Suite("labdb serve: schemathesis")
struct ServeSchemathesisTests {
    @Test("schemathesis finds no server error and no response outside the document")
    func schemathesis() throws {
        let server = try ServeProcess()
        let token = try server.token("schemathesis", scope: "admin")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["schemathesis", "run", "\(server.base)/api/v1/openapi.json", "-H", "Authorization: Bearer \(token)",
                             "-c", "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance",
                             "-n", ProcessInfo.processInfo.environment["LABDB_SCHEMATHESIS_EXAMPLES"] ?? "30",
                             "--phases", "examples,coverage,fuzzing", "--seed", ProcessInfo.processInfo.environment["LABDB_SCHEMATHESIS_SEED"] ?? "1",
                             "--no-color"]
        var environment = ProcessInfo.processInfo.environment
        environment["SCHEMATHESIS_HOOKS"] = nil
        process.environment = environment
        // Its cache goes to the working folder: the test's own, not the checkout.
        process.currentDirectoryURL = URL(fileURLWithPath: server.folder.path)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "schemathesis:\n\(text.suffix(4000))")
        let generated = text.firstMatch(of: /(\d+) generated, (\d+) passed/)
        #expect(generated.map { Int($0.1)! > 500 && $0.1 == $0.2 } == true, "\(text.suffix(600))")
        let serverErrors = server.log.split(separator: "\n").filter { $0.contains(" 500 ") || $0.contains(" 502 ") }
        #expect(serverErrors.isEmpty, "\(serverErrors.prefix(5))")
    }
}
