import Foundation
import LabDNS
import Testing

@Suite("DNS HTTP transport over libcurl")
struct DNSHTTPTransportTests {
    @Test func timeoutEndsARequestWithAClearError() throws {
        let listener = try DNSSilentListener()
        let transport = CurlTransport(timeout: 0.5, connectTimeout: 0.5)
        let start = Date()
        var message = ""
        do {
            _ = try transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(listener.port)/api/config/dns/hosts?x=1",
                                               headers: [HTTPHeader("sid", "session-secret")]))
        } catch {
            message = "\(error)"
        }
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(message.hasPrefix("GET http://127.0.0.1:\(listener.port)/api/config/dns/hosts failed: "))
        #expect(message.lowercased().contains("timeout"))
        #expect(!message.contains("session-secret"), "headers are never in messages")
    }

    @Test func refusedConnectionIsReported() throws {
        let port = dnsFreePort()
        var message = ""
        do { _ = try CurlTransport(timeout: 2).send(HTTPRequest(method: "DELETE", url: "http://127.0.0.1:\(port)/api/auth")) } catch { message = "\(error)" }
        #expect(message.contains("DELETE http://127.0.0.1:\(port)/api/auth failed"))
    }

    @Test func bodiesHeadersAndStatusRoundTrip() throws {
        let server = try DNSFixtureServer(script: "pihole_server.py", arguments: ["pw"]); defer { server.stop() }
        let transport = CurlTransport()
        let login = try transport.send(HTTPRequest(method: "POST", url: server.url + "/api/auth", headers: [HTTPHeader("Content-Type", "application/json")],
                                                   body: Data(#"{"password":"pw"}"#.utf8)))
        #expect(login.status == 200)
        #expect(login.headers["content-type"] == "application/json")
        let sid = try #require(((try JSONSerialization.jsonObject(with: login.body) as? [String: Any])?["session"] as? [String: Any])?["sid"] as? String)
        let put = try transport.send(HTTPRequest(method: "PUT", url: server.url + "/api/config/dns/hosts/10.0.0.1%20a.example.com", headers: [HTTPHeader("sid", sid)]))
        #expect(put.status == 201)
        let again = try transport.send(HTTPRequest(method: "PUT", url: server.url + "/api/config/dns/hosts/10.0.0.1%20a.example.com", headers: [HTTPHeader("sid", sid)]))
        #expect(again.status == 400)
        #expect(again.text.contains("Item already present"))
        let logout = try transport.send(HTTPRequest(method: "DELETE", url: server.url + "/api/auth", headers: [HTTPHeader("sid", sid)]))
        #expect(logout.status == 204)
        #expect(try server.state()["hosts"] as? [String] == ["10.0.0.1 a.example.com"])
    }
}

/// A TCP listener on 127.0.0.1 that never answers.
final class DNSSilentListener {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound, listen(fd, 8) == 0 else { throw DNSPeerMissing(name: "a TCP socket on 127.0.0.1") }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }
}
