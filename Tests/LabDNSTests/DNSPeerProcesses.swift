import Foundation
import LabDNS

/// Runs a program to completion and returns its standard output (through a file).
func dnsRun(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let outputPath = NSTemporaryDirectory() + "labdb-dns-out-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    let child = try ChildProcess([executable] + arguments, outputPath: outputPath)
    let status = child.wait()
    return (status, (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
}

/// Finds an executable on the usual paths.
func dnsWhich(_ name: String) -> String? {
    for folder in ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin", "/usr/local/sbin"] where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
        return "\(folder)/\(name)"
    }
    return nil
}

/// A port that was free a moment ago on 127.0.0.1 (UDP and TCP).
func dnsFreePort() -> Int {
    for _ in 0..<50 {
        let port = Int.random(in: 20_000...60_000)
        if dnsPortIsFree(port, type: Int32(SOCK_DGRAM.rawValue)) && dnsPortIsFree(port, type: Int32(SOCK_STREAM.rawValue)) { return port }
    }
    return 53_535
}

private func dnsPortIsFree(_ port: Int, type: Int32) -> Bool {
    let fd = socket(AF_INET, type, 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
}

/// A real dnsmasq on 127.0.0.1 serving a hosts file and a conf file, as Pi-hole v5 does.
final class DNSMasqServer {
    let port: Int
    private var stopped = false
    private let child: ChildProcess

    init(hostsFile: String, confFile: String) throws {
        guard let dnsmasq = dnsWhich("dnsmasq") else { throw DNSPeerMissing(name: "dnsmasq (apt-get install dnsmasq-base)") }
        port = dnsFreePort()
        var arguments = [dnsmasq, "--no-daemon", "--port=\(port)", "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                         "--addn-hosts=\(hostsFile)", "--conf-file=\(confFile)", "--pid-file=", "--log-facility=/dev/null"]
        // As root dnsmasq drops to 'nobody', who may not read the test's files.
        if getuid() == 0 { arguments.append("--user=root") }
        child = try ChildProcess(arguments)
        // Wait until it answers (up to 20 s on a loaded machine).
        for _ in 0..<200 {
            if (try? dig("version.bind", type: "TXT", extra: ["CH"]))?.isEmpty == false { return }
            usleep(100_000)
        }
    }

    /// `dig +short` answers for `name`.
    func dig(_ name: String, type: String = "A", extra: [String] = []) throws -> [String] {
        guard let dig = dnsWhich("dig") else { throw DNSPeerMissing(name: "dig (apt-get install bind9-dnsutils)") }
        let result = try dnsRun(dig, ["@127.0.0.1", "-p", String(port), "+short", "+time=2", "+tries=1"] + extra + [name, type])
        return result.output.split(separator: "\n").map(String.init).filter { !$0.hasPrefix(";") }
    }

    /// The answer section of `dig` for `name`, as (type, TTL, value) per record.
    func answers(_ name: String, type: String = "A") throws -> [(type: String, ttl: Int, value: String)] {
        guard let dig = dnsWhich("dig") else { throw DNSPeerMissing(name: "dig (apt-get install bind9-dnsutils)") }
        let result = try dnsRun(dig, ["@127.0.0.1", "-p", String(port), "+noall", "+answer", "+time=2", "+tries=1", name, type])
        return result.output.split(separator: "\n").compactMap { line in
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard words.count >= 5, let ttl = Int(words[1]) else { return nil }
            return (words[3], ttl, words[4])
        }
    }

    func stop() {
        guard !stopped else { return }
        stopped = true
        child.signal(SIGTERM)
        child.wait()
    }

    deinit { stop() }
}

/// A peer program the test needs is not installed.
struct DNSPeerMissing: Error, CustomStringConvertible {
    let name: String
    var description: String { "\(name) is not installed" }
}
