import Foundation
import LabIP
import LabStore

/// Creates, lists, revokes and checks API tokens. Only a SHA-256 digest of a token is
/// stored; the token is returned once, by `create`. Creation and revocation are recorded
/// in the change history (name, scope and expiry, never the token or its digest).
public struct TokenStore {
    let db: Database

    /// Tokens of `database`.
    public init(database: Database) { self.db = database }

    /// The prefix of every token, so that a leaked one is recognisable (secret scanners).
    public static let prefix = "labdb_"

    /// What checking a presented token found.
    public enum Verdict: Sendable, Equatable {
        /// A current token (external-dns tokens also name their cluster and domains).
        case valid(name: String, scope: TokenScope, cluster: String? = nil, domains: [String] = [])
        /// The token was valid but its expiry has passed.
        case expired(name: String)
        /// No stored token matches (never issued, or revoked).
        case unknown
    }

    /// Creates a token; returns the token text (shown once) and what is stored.
    public func create(name: String, scope: TokenScope, expiresIn seconds: Int? = nil, cluster: String? = nil, domains: [String] = [],
                       context: ChangeContext, now: Date = Date()) throws -> (token: String, stored: APIToken) {
        guard NameRules.isValidName(name) else { throw TokenError.invalidName(name) }
        guard (scope == .externalDNS) == (cluster != nil), scope == .externalDNS || domains.isEmpty else { throw TokenError.clusterMismatch(scope: scope) }
        var clusterName: String?
        if let cluster {
            guard let row = try db.first("SELECT name FROM clusters WHERE name = ?", [.text(cluster)]) else {
                let names = try db.query("SELECT name FROM clusters").compactMap { $0.string("name") }
                throw TokenError.unknownCluster(name: cluster, suggestion: Suggestion.closest(to: cluster, in: names))
            }
            clusterName = row.string("name")
        }
        let domainList = domains.map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        // 43 characters of 62 carry 256 bits.
        let token = TokenStore.prefix + String((0..<43).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
        let created = DateFormatter.utcSeconds(now)
        let expires = seconds.map { DateFormatter.utcSeconds(now.addingTimeInterval(TimeInterval($0))) }
        try db.transaction(.immediate) {
            if try db.first("SELECT 1 FROM api_tokens WHERE name = ?", [.text(name)]) != nil { throw TokenError.duplicate(name: name) }
            try db.execute("INSERT INTO api_tokens(name, scope, digest, created_at, created_by, expires_at, cluster, domains) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           [.text(name), .text(scope.rawValue), .blob(SHA256.digest(Array(token.utf8))), .text(created), .text(context.user), expires.sqlValue,
                            clusterName.sqlValue, (domainList.isEmpty ? nil : domainList.joined(separator: ",")).sqlValue])
            try record(context: context, operation: "insert", name: name,
                       before: nil, after: TokenStore.summary(scope: scope, expires: expires, cluster: clusterName))
        }
        return (token, APIToken(name: name, scope: scope, createdAt: created, createdBy: context.user, expiresAt: expires, lastUsedAt: nil,
                                cluster: clusterName, domains: domainList))
    }

    /// Every token, by name.
    public func list() throws -> [APIToken] {
        try db.query("SELECT name, scope, created_at, created_by, expires_at, last_used_at, cluster, domains FROM api_tokens ORDER BY name").map {
            APIToken(name: $0.string("name")!, scope: TokenScope(rawValue: $0.string("scope")!) ?? .read,
                     createdAt: $0.string("created_at")!, createdBy: $0.string("created_by")!,
                     expiresAt: $0.string("expires_at"), lastUsedAt: $0.string("last_used_at"),
                     cluster: $0.string("cluster"), domains: TokenStore.domains($0.string("domains")))
        }
    }

    /// Revokes (deletes) the token named `name`; it stops working at once.
    public func revoke(name: String, context: ChangeContext) throws {
        try db.transaction(.immediate) {
            guard let row = try db.first("SELECT name, scope, expires_at, cluster FROM api_tokens WHERE name = ?", [.text(name)]) else {
                let names = try db.query("SELECT name FROM api_tokens").compactMap { $0.string("name") }
                throw TokenError.unknown(name: name, suggestion: Suggestion.closest(to: name, in: names))
            }
            try db.execute("DELETE FROM api_tokens WHERE name = ?", [.text(name)])
            try record(context: context, operation: "delete", name: row.string("name")!,
                       before: TokenStore.summary(scope: TokenScope(rawValue: row.string("scope")!) ?? .read, expires: row.string("expires_at"),
                                                  cluster: row.string("cluster")), after: nil)
        }
    }

    /// Checks a presented token. Every stored digest is compared in full, in constant time,
    /// so the time taken says nothing about how much of a digest matched.
    public func verify(_ token: String, now: Date = Date()) throws -> Verdict {
        let presented = SHA256.digest(Array(token.utf8))
        var found: Row?
        for row in try db.query("SELECT name, scope, digest, expires_at, cluster, domains FROM api_tokens") {
            if let digest = row.bytes("digest"), TokenStore.constantTimeEqual(digest, presented), found == nil { found = row }
        }
        guard let row = found, let name = row.string("name"), let scope = row.string("scope").flatMap(TokenScope.init) else { return .unknown }
        if let expires = row.string("expires_at"), expires <= DateFormatter.utcSeconds(now) { return .expired(name: name) }
        return .valid(name: name, scope: scope, cluster: row.string("cluster"), domains: TokenStore.domains(row.string("domains")))
    }

    private static func domains(_ text: String?) -> [String] {
        text?.split(separator: ",").map(String.init) ?? []
    }

    /// Records that `name` was used at `now` (the caller throttles how often).
    public func markUsed(name: String, now: Date = Date()) throws {
        try db.execute("UPDATE api_tokens SET last_used_at = ? WHERE name = ?", [.text(DateFormatter.utcSeconds(now)), .text(name)])
    }

    /// Whether two byte strings are equal, in time that depends only on their lengths.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    /// Seconds in a duration such as `90d`, `12h` or `30m`.
    public static func seconds(in text: String) throws -> Int {
        let units: [Character: Int] = ["d": 86_400, "h": 3_600, "m": 60]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int(text.dropLast()), count > 0, count < 100_000 else {
            throw TokenError.invalidExpiry(text)
        }
        return count * unit
    }

    private static func summary(scope: TokenScope, expires: String?, cluster: String?) -> String {
        "{\"scope\":\"\(scope.rawValue)\",\"expires_at\":" + (expires.map { "\"\($0)\"" } ?? "null")
            + (cluster.map { ",\"cluster\":\"\($0)\"" } ?? "") + "}"
    }

    /// The history row of a token change, in the change set the transaction opened.
    private func record(context: ChangeContext, operation: String, name: String, before: String?, after: String?) throws {
        guard db.hasChangeHistory else { return }
        try db.execute("INSERT INTO change_sets(os_user, command, open) VALUES (?, ?, 0)", [.text(context.user), .text(context.command)])
        try db.execute("INSERT INTO changes(change_set_id, table_name, operation, object, before, after) VALUES (?, 'api_tokens', ?, ?, ?, ?)",
                       [.integer(db.lastInsertRowID), .text(operation), .text(name), before.sqlValue, after.sqlValue])
    }
}
