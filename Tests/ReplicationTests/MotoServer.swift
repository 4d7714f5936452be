import Foundation
import LabTestSupport
import LabDNS

/// moto's S3 server (`moto_server`, PyPI `moto[server]`) on 127.0.0.1 and a free port, with
/// one bucket; stopped when released. Only loopback is ever contacted.
final class MotoServer: @unchecked Sendable {
    let port: Int
    let bucket = "lab"
    private let process = Process()

    var endpoint: String { "http://127.0.0.1:\(port)" }

    init() throws {
        port = try MotoServer.freePort()
        guard let executable = Tools.find("moto_server") else { throw ReplicaTestError("moto_server is not installed; run scripts/install-deps") }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let response = try? CurlTransport(timeout: 5).send(HTTPRequest(method: "PUT", url: "\(endpoint)/\(bucket)")), response.status == 200 { return }
            guard process.isRunning else { throw ReplicaTestError("moto_server exited at start (port \(port))") }
            usleep(100_000)
        }
        stop()
        throw ReplicaTestError("moto_server did not answer on port \(port) within 30 s")
    }

    deinit { stop() }

    /// SIGKILL: the test process blocks SIGTERM in its threads and Foundation's children
    /// inherit that mask, so a polite stop would wait forever. moto keeps nothing worth saving.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A port no one listens on now.
    static func freePort() throws -> Int { try LoopbackPort.free() }
}

struct ReplicaTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Finding the peers the tests run.
enum Tools {
    /// `name` on the PATH, if there.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
