import Foundation
import LabDNS
import Synchronization

/// One of the Python stand-ins in Fixtures/ (Pi-hole v6 API, Cloudflare v4), started on a
/// free port of 127.0.0.1 with its state in memory.
final class DNSFixtureServer {
    let url: String
    private let child: ChildProcess
    private let folder: DNSTempFolder
    private var stopped = false

    init(script: String, arguments: [String]) throws {
        folder = try DNSTempFolder()
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
        guard let python = dnsWhich("python3") else { throw DNSPeerMissing(name: "python3") }
        let portFile = folder.file("port")
        child = try ChildProcess([python, "\(fixtures)/\(script)", portFile] + arguments)
        var port: String?
        for _ in 0..<400 {  // up to 20 s: a loaded machine starts Python slowly; a started server ends the wait
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), !text.isEmpty { port = text; break }
            usleep(50_000)
        }
        guard let port else { throw DNSPeerMissing(name: "\(script) did not start") }
        url = "http://127.0.0.1:\(port)"
    }

    /// The server's test-only state (`GET /__state`).
    func state() throws -> [String: Any] {
        let response = try CurlTransport().send(HTTPRequest(method: "GET", url: url + "/__state"))
        return try JSONSerialization.jsonObject(with: response.body) as? [String: Any] ?? [:]
    }

    /// Posts `body` to a test hook (`/__control`, `/__seed`).
    func post(_ path: String, _ body: Any) throws {
        let data = try JSONSerialization.data(withJSONObject: body)
        _ = try CurlTransport().send(HTTPRequest(method: "POST", url: url + path, headers: [HTTPHeader("Content-Type", "application/json")], body: data))
    }

    func stop() {
        guard !stopped else { return }
        stopped = true
        child.signal(SIGTERM)
        child.wait()
        folder.remove()
    }

    deinit { stop() }
}

/// A clock for `RetryPolicy` that records the waits instead of sleeping.
final class DNSWaitRecorder: Sendable {
    private let waits = Mutex<[Double]>([])

    var recorded: [Double] { waits.withLock { $0 } }

    var policy: RetryPolicy {
        RetryPolicy(attempts: 4, backoff: 0.5, maximumWait: 30, sleep: { seconds in self.waits.withLock { $0.append(seconds) } })
    }
}
