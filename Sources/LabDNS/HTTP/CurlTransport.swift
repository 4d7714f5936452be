import CCurl
import Foundation

/// HTTP over libcurl's easy API: one handle per request, a total timeout and a
/// connect timeout, no signals (safe in any thread).
public struct CurlTransport: HTTPTransport {
    /// Seconds for the whole request.
    public let timeout: Double
    /// Seconds to establish the connection.
    public let connectTimeout: Double

    public init(timeout: Double = 30, connectTimeout: Double = 10) {
        self.timeout = timeout; self.connectTimeout = connectTimeout
    }

    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
        guard let handle = labdb_curl_easy_init() else {
            throw HTTPTransportError(request: request.summary, reason: labdb_curl_available() == 0 ? "libcurl is not installed (apt-get install libcurl4)" : "libcurl could not create a handle")
        }
        defer { labdb_curl_easy_cleanup(handle) }
        let sink = ResponseSink()
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }

        var headerList: UnsafeMutablePointer<curl_slist>?
        for header in request.headers { headerList = labdb_curl_slist_append(headerList, "\(header.name): \(header.value)") }
        // No "Expect: 100-continue" round trip on bodies.
        headerList = labdb_curl_slist_append(headerList, "Expect:")
        defer { labdb_curl_slist_free_all(headerList) }

        _ = labdb_curl_set_string(handle, CURLOPT_URL, request.url)
        if request.method == "GET" {
            _ = labdb_curl_set_long(handle, CURLOPT_HTTPGET, 1)
        } else {
            _ = labdb_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
        }
        _ = labdb_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = labdb_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Int(timeout * 1000))
        _ = labdb_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000))
        _ = labdb_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = labdb_curl_set_slist(handle, CURLOPT_HTTPHEADER, headerList)
        if let body = request.body {
            _ = labdb_curl_set_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
            _ = body.withUnsafeBytes { bytes in
                labdb_curl_set_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
        }
        _ = labdb_curl_set_write_function(handle) { data, size, count, user in
            let sink = Unmanaged<ResponseSink>.fromOpaque(user!).takeUnretainedValue()
            if let data { sink.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count) }
            return size * count
        }
        _ = labdb_curl_set_pointer(handle, CURLOPT_WRITEDATA, box.toOpaque())
        _ = labdb_curl_set_header_function(handle) { data, size, count, user in
            let sink = Unmanaged<ResponseSink>.fromOpaque(user!).takeUnretainedValue()
            if let data {
                let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
                sink.header(line)
            }
            return size * count
        }
        _ = labdb_curl_set_pointer(handle, CURLOPT_HEADERDATA, box.toOpaque())

        let code = labdb_curl_easy_perform(handle)
        guard code == CURLE_OK else {
            throw HTTPTransportError(request: request.summary, reason: String(cString: labdb_curl_easy_strerror(code)))
        }
        return HTTPResponse(status: labdb_curl_response_code(handle), headers: sink.headers, body: sink.body)
    }
}

/// Collects a response's body and headers from libcurl's callbacks.
private final class ResponseSink {
    var body = Data()
    var headers: [String: String] = [:]

    func header(_ line: String) {
        // A new status line (after a redirect or 100-continue) starts a new header block.
        if line.hasPrefix("HTTP/") { headers = [:]; return }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        headers[name] = value
    }
}
