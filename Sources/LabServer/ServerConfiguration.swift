/// How `labdb serve` runs: where it listens, which database it serves, and its limits.
public struct ServerConfiguration: Sendable {
    /// The database file.
    public var databasePath: String
    /// The host to listen on (loopback by default: exposing the API is a decision).
    public var host: String
    /// The TCP port; 0 picks a free one (printed at start).
    public var port: Int
    /// Whether GET requests need no token (a dashboard on a trusted LAN).
    public var publicRead: Bool
    /// The largest request body accepted, in bytes.
    public var maxBodyBytes: Int
    /// How long one query may run, in seconds.
    public var queryTimeLimit: Double
    /// How long an idle keep-alive connection stays open, in seconds.
    public var idleTimeout: Double
    /// How many read connections the server keeps open.
    public var readConnections: Int
    /// The variables `capacity` reads its limits from.
    public var environment: [String: String]
    /// Where the external-dns webhook listens (its own listener), or nil for none.
    public var externalDNS: (host: String, port: Int)?

    /// The default listening address.
    public static let defaultListen = "127.0.0.1:8480"

    public init(databasePath: String, host: String = "127.0.0.1", port: Int = 8480, publicRead: Bool = false,
                maxBodyBytes: Int = 16 << 20, queryTimeLimit: Double = 5, idleTimeout: Double = 60, readConnections: Int = 8,
                environment: [String: String] = [:], externalDNS: (host: String, port: Int)? = nil) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.publicRead = publicRead
        self.maxBodyBytes = maxBodyBytes
        self.queryTimeLimit = queryTimeLimit
        self.idleTimeout = idleTimeout
        self.readConnections = readConnections
        self.environment = environment
        self.externalDNS = externalDNS
    }

    /// Splits `HOST:PORT` (`[::1]:8480` for IPv6); nil when it is not one.
    public static func parseListen(_ text: String) -> (host: String, port: Int)? {
        var host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") { return nil }
        }
        if host.isEmpty { host = "0.0.0.0" }
        guard let port = Int(portText), (0...65_535).contains(port) else { return nil }
        return (String(host), port)
    }
}
