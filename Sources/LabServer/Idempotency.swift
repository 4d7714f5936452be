import HTTPTypes
import Hummingbird
import LabModel

/// `Idempotency-Key` on an allocating request: the first answer is stored in the same
/// transaction as the allocation, and a retry with the same key (and the same request)
/// gets that answer again instead of new addresses. Keys are per token, kept 24 hours.
enum Idempotency {
    /// The longest key accepted.
    static let maximumKeyLength = 255

    /// Runs `allocate` in one write transaction, or replays the stored answer for the key.
    static func answer(_ request: Request, context: LabRequestContext, body: [UInt8], service: LabService, summary: String,
                       _ allocate: @escaping @Sendable (Connection) throws -> (HTTPResponse.Status, [UInt8])) async throws -> Response {
        guard let key = request.headers[.idempotencyKey] else {
            return try await service.write(as: context.identity, summary) { connection in
                let (status, bytes) = try allocate(connection)
                return Responses.bytes(bytes, contentType: "application/json", status: status)
            }
        }
        guard (1...maximumKeyLength).contains(key.utf8.count), key.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) else {
            throw Problem.badRequest("the Idempotency-Key must be 1–\(maximumKeyLength) printable ASCII characters")
        }
        let owner = context.identity?.name ?? ""
        let fingerprint = SHA256.digest(Array("\(request.method) \(request.uri.path)\n".utf8) + body)
        return try await service.write(as: context.identity, summary) { connection in
            let store = IdempotencyStore(database: connection.database)
            return try connection.database.transaction(.immediate) {
                if let stored = try store.answer(token: owner, key: key) {
                    guard stored.requestDigest == fingerprint else {
                        throw Problem(status: .unprocessableContent, slug: "idempotency-key-reused", title: "The Idempotency-Key was used for another request",
                                      detail: "the Idempotency-Key '\(key)' was first used with a different request; use a new key for a new request")
                    }
                    var response = Responses.bytes(stored.body, contentType: "application/json", status: HTTPResponse.Status(code: stored.status))
                    response.headers[.idempotentReplayed] = "true"
                    return response
                }
                let (status, bytes) = try allocate(connection)
                try store.store(token: owner, key: key, requestDigest: fingerprint, status: Int(status.code), body: bytes)
                return Responses.bytes(bytes, contentType: "application/json", status: status)
            }
        }
    }
}
