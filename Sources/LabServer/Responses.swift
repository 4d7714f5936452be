import Foundation
import HTTPTypes
import Hummingbird
import LabModel

/// Building responses and reading request bodies, the same way on every route.
enum Responses {
    /// A JSON body.
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        bytes(Array(text.utf8), contentType: "application/json", status: status)
    }

    /// A result table as `labdb ... --format json` prints it.
    static func json(_ table: ResultTable, status: HTTPResponse.Status = .ok) -> Response {
        json(OutputFormat.json.render(table), status: status)
    }

    static func bytes(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The request body, refused with 413 past `limit` bytes.
    static func body(of request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw tooLarge(limit)
        }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge(limit)
        }
    }

    private static func tooLarge(_ limit: Int) -> Problem {
        Problem(status: .contentTooLarge, slug: "body-too-large", title: "The request body is too large",
                detail: "the request body is larger than the \(limit) bytes this server accepts (labdb serve --max-body)")
    }

    /// The body decoded as a JSON object of type `T`, or a 400 naming what is wrong.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let data = Data(bytes)
        if data.isEmpty { throw Problem.badRequest("the request needs a JSON body") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(T.self, from: data)
        } catch DecodingError.typeMismatch(let expected, let context), DecodingError.valueNotFound(let expected, let context) {
            throw Problem.badRequest("field '\(path(context))' must be \(describe(expected))", slug: "invalid-json")
        } catch DecodingError.keyNotFound(let key, _) {
            throw Problem.badRequest("field '\(key.stringValue)' is required", slug: "invalid-json")
        } catch DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty {
            throw Problem.badRequest("field '\(path(context))' is not valid: \(context.debugDescription)", slug: "invalid-json")
        } catch {
            throw Problem.badRequest("the body is not valid JSON", slug: "invalid-json")
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Bool.Type: return "true or false"
        case is [String].Type: return "an array of strings"
        default: return "of another type"
        }
    }
}

extension Request {
    /// The query parameter `name`, if given.
    func query(_ name: String) -> String? { uri.queryParameters.get(name) }

    /// The query parameter `name` as a positive integer within `range`, or `fallback`.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let text = query(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.badRequest("query parameter '\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }

    /// The query parameter `name` as true/false, or `fallback`.
    func flag(_ name: String, default fallback: Bool = false) throws -> Bool {
        guard let text = query(name)?.lowercased() else { return fallback }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw Problem.badRequest("query parameter '\(name)' must be true or false, not '\(text)'")
        }
    }
}
