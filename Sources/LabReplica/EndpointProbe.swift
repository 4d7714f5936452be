import Foundation

/// A TCP connection attempt to an S3 endpoint, bounded in time: Litestream itself retries an
/// unreachable endpoint without end, so labdb asks first and names the endpoint when it fails.
public struct EndpointProbe: Sendable {
    /// The endpoint URL (`http://host:port`).
    public let endpoint: String
    /// How long to wait for the connection.
    public let timeout: Double

    public init(endpoint: String, timeout: Double = 3) {
        self.endpoint = endpoint
        self.timeout = timeout
    }

    /// Connects and disconnects; throws `ReplicationError.endpointUnreachable` with the reason.
    public func check() throws {
        guard let url = URL(string: endpoint), let host = url.host else {
            throw ReplicationError.endpointUnreachable(endpoint: endpoint, reason: "not a URL with a host")
        }
        let port = url.port ?? (url.scheme == "https" ? 443 : 80)
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &list)
        guard resolved == 0, let first = list else {
            throw ReplicationError.endpointUnreachable(endpoint: endpoint, reason: "cannot resolve \(host): \(String(cString: gai_strerror(resolved)))")
        }
        defer { freeaddrinfo(list) }
        var reason = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            if let failure = connect(info.pointee) { reason = failure } else { return }
            candidate = info.pointee.ai_next
        }
        throw ReplicationError.endpointUnreachable(endpoint: endpoint, reason: reason)
    }

    /// nil when a connection to `info` opened within the timeout, else why not.
    private func connect(_ info: addrinfo) -> String? {
        let fd = socket(info.ai_family, info.ai_socktype | Int32(SOCK_NONBLOCK.rawValue), info.ai_protocol)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        defer { close(fd) }
        if Glibc.connect(fd, info.ai_addr, info.ai_addrlen) == 0 { return nil }
        guard errno == EINPROGRESS else { return String(cString: strerror(errno)) }
        var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&poller, 1, Int32(timeout * 1000))
        guard ready > 0 else { return ready == 0 ? "no answer in \(Int(timeout)) s" : String(cString: strerror(errno)) }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        return error == 0 ? nil : String(cString: strerror(error))
    }
}
