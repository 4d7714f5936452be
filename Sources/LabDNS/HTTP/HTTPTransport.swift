import Foundation

/// One HTTP request.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var url: String
    /// Header name and value pairs, sent in order.
    public var headers: [HTTPHeader]
    public var body: Data?

    public init(method: String, url: String, headers: [HTTPHeader] = [], body: Data? = nil) {
        self.method = method; self.url = url; self.headers = headers; self.body = body
    }

    /// The method and the URL without its query, for messages (queries may be long; neither holds a secret).
    public var summary: String {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return "\(method) \(path)"
    }
}

/// An HTTP header.
public struct HTTPHeader: Sendable, Hashable {
    public let name: String
    public let value: String
    public init(_ name: String, _ value: String) { self.name = name; self.value = value }
}

/// One HTTP response.
public struct HTTPResponse: Sendable, Hashable {
    public let status: Int
    /// Header values by lower-cased name (the last one wins).
    public let headers: [String: String]
    public let body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status; self.headers = headers; self.body = body
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Sends HTTP requests; blocking. Throws `HTTPTransportError` when no response came back.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) throws -> HTTPResponse
}

/// No response: the connection failed or timed out. Names the request, never its headers.
public struct HTTPTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public let request: String
    public let reason: String

    public var description: String { "\(request) failed: \(reason)" }
}
