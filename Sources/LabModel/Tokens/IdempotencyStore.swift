import Foundation
import LabStore

/// The first answers to allocating requests that carried an `Idempotency-Key`, so that a
/// client retrying after a time-out gets the same addresses instead of new ones. Keys are
/// per token and kept for `lifetime` seconds (24 hours).
public struct IdempotencyStore {
    let db: Database

    /// How long an answer is replayed.
    public static let lifetime: TimeInterval = 24 * 3600

    /// Answers stored in `database`.
    public init(database: Database) { self.db = database }

    /// A stored answer.
    public struct Answer: Sendable, Equatable {
        /// The request this key was first used with (method, path and body digest).
        public let requestDigest: [UInt8]
        /// The HTTP status of the first answer.
        public let status: Int
        /// The body of the first answer.
        public let body: [UInt8]
    }

    /// The answer stored for `key` of `token`, if it is younger than the lifetime.
    public func answer(token: String, key: String, now: Date = Date()) throws -> Answer? {
        guard let row = try db.first("SELECT request_digest, status, body FROM idempotency_keys WHERE token_name = ? AND key = ? AND created_at > ?",
                                     [.text(token), .text(key), .real(now.timeIntervalSince1970 - IdempotencyStore.lifetime)]) else { return nil }
        return Answer(requestDigest: row.bytes("request_digest") ?? [], status: Int(row.int("status") ?? 0), body: row.bytes("body") ?? [])
    }

    /// Stores the answer to `key`, in the caller's transaction (so the allocation and its
    /// answer commit together), and forgets answers past their lifetime.
    public func store(token: String, key: String, requestDigest: [UInt8], status: Int, body: [UInt8], now: Date = Date()) throws {
        let time = now.timeIntervalSince1970
        try db.execute("DELETE FROM idempotency_keys WHERE created_at <= ?", [.real(time - IdempotencyStore.lifetime)])
        try db.execute("INSERT OR REPLACE INTO idempotency_keys(token_name, key, request_digest, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                       [.text(token), .text(key), .blob(requestDigest), .integer(Int64(status)), .blob(body), .real(time)])
    }
}
