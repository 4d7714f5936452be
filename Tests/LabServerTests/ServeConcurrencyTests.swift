import Dispatch
import Foundation
import Synchronization
import Testing

/// Many clients at once: HTTP allocations racing the command line, and SIGTERM while
/// requests are in flight.
@Suite("labdb serve: concurrency and shutdown")
struct ServeConcurrencyTests {
    /// A lab with one 1,800-address range: 8 × 250 HTTP allocations and 300 from the command
    /// line ask for 2,300, so 500 must be told the range is full.
    static let lab = """
        prefixes:
          - cidr: 10.20.0.0/16
            name: race
            ranges:
              - name: pool
                first: 10.20.0.10
                last: 10.20.7.17
                purpose: static
        hosts:
          - name: node
            kind: server

        """

    @Test("8 HTTP clients × 250 allocations while the command line allocates: all distinct, none lost, the rest 'range full'")
    func race() throws {
        let server = try ServeProcess(labFile: ServeConcurrencyTests.lab)
        let token = try server.token("race", scope: "write")
        let size = try server.request("GET", "/api/v1/ranges/pool", token: token)
        let usable = ((size.object["range"] as? [[String: Any]])?.first?["size"] as? Int) ?? 0
        #expect(usable == 1800, "\(size.text)")
        let addresses = Mutex<[String]>([])
        let full = Atomic<Int>(0)
        let failures = Mutex<[String]>([])
        let group = DispatchGroup()
        for client in 0..<8 {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                for _ in 0..<250 {
                    do {
                        let response = try server.request("POST", "/api/v1/ranges/pool/allocations", token: token, body: #"{"to": "node"}"#)
                        if response.status == 201, let address = response.rows.first?["address"] as? String {
                            addresses.withLock { $0.append(address) }
                        } else if response.status == 409, response.object["type"] as? String == "urn:labdb:problem:range-full" {
                            full.add(1, ordering: .relaxed)
                        } else {
                            failures.withLock { $0.append("client \(client): \(response.status) \(response.text)") }
                        }
                    } catch {
                        failures.withLock { $0.append("client \(client): \(error)") }
                    }
                }
            }
        }
        var cliAddresses: [String] = []
        var cliFull = 0
        for _ in 0..<300 {
            let result = try server.cli(["ip", "allocate", "pool", "--to", "node"])
            if result.status == 0 { cliAddresses.append(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }
            else if result.stderr.contains("is full") { cliFull += 1 }
            else { failures.withLock { $0.append("cli: \(result.stderr)") } }
        }
        group.wait()
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0.prefix(5) })")
        let all = addresses.withLock { $0 } + cliAddresses
        #expect(all.count == 1800, "every address handed out once")
        #expect(Set(all).count == all.count, "no address twice")
        #expect(full.load(ordering: .relaxed) + cliFull == 500)
        let listed = try server.cli(["ip", "list", "pool", "--format", "json"]).stdout
        let stored = (try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])?.compactMap { $0["address"] as? String } ?? []
        #expect(Set(stored) == Set(all), "every acknowledged allocation is stored, and nothing else")
    }

    @Test("SIGTERM while requests are in flight: each is answered or refused cleanly, exit 0, nothing half-written")
    func gracefulShutdown() throws {
        let server = try ServeProcess(labFile: ServeConcurrencyTests.lab)
        let token = try server.token("t", scope: "write")
        let answered = Mutex<[String]>([])
        let refused = Atomic<Int>(0)
        let bad = Mutex<[String]>([])
        let group = DispatchGroup()
        for _ in 0..<6 {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                for _ in 0..<200 {
                    do {
                        let response = try server.request("POST", "/api/v1/ranges/pool/allocations", token: token, body: #"{"to": "node"}"#)
                        if response.status == 201, let address = response.rows.first?["address"] as? String {
                            answered.withLock { $0.append(address) }
                        } else {
                            bad.withLock { $0.append("\(response.status) \(response.text)") }
                        }
                    } catch {
                        // Connection refused or closed once the server has stopped listening.
                        refused.add(1, ordering: .relaxed)
                        return
                    }
                }
            }
        }
        // Signal once requests are flowing (a busy machine may take longer than a fixed pause
        // to answer the first), so that some are answered before it and others are in flight.
        let deadline = Date().addingTimeInterval(30)
        while answered.withLock({ $0.count }) < 10 && Date() < deadline { usleep(10_000) }
        let status = server.stop()
        group.wait()
        #expect(status == 0)
        #expect(bad.withLock { $0 }.isEmpty, "\(bad.withLock { $0.prefix(3) })")
        #expect(!answered.withLock { $0 }.isEmpty, "some requests were answered before the signal")
        let integrity = try ServeProcess.labdb(["--db", server.database, "check"])
        #expect(integrity.status == 0, "\(integrity.stdout)\(integrity.stderr)")
        let listed = try ServeProcess.labdb(["--db", server.database, "ip", "list", "pool", "--format", "json"]).stdout
        let stored = Set((try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])?.compactMap { $0["address"] as? String } ?? [])
        #expect(Set(answered.withLock { $0 }).isSubset(of: stored), "every answered allocation is stored")
    }
}

/// Connections that send nothing are closed after the idle timeout.
@Suite("labdb serve: idle connections")
struct ServeIdleTests {
    @Test("an idle connection is closed after --idle-timeout")
    func idleConnectionClosed() throws {
        let server = try ServeProcess(arguments: ["--idle-timeout", "1"])
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(server.port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let start = Date()
        var byte: UInt8 = 0
        let read = recv(fd, &byte, 1, 0)
        let waited = Date().timeIntervalSince(start)
        #expect(read == 0, "the server closed the connection (read \(read))")
        #expect(waited >= 0.8 && waited < 5, "closed after about a second, not \(waited) s")
    }
}
