/// An API token as `labdb token list` shows it: never the token itself.
public struct APIToken: Sendable, Hashable, Codable {
    /// The token's name: who or what uses it (`ci`, `grafana`).
    public let name: String
    /// What it may do.
    public let scope: TokenScope
    /// When it was created (UTC, ISO 8601).
    public let createdAt: String
    /// Who created it.
    public let createdBy: String
    /// When it stops working (UTC, ISO 8601), or nil when never.
    public let expiresAt: String?
    /// When a request last used it, or nil when never.
    public let lastUsedAt: String?
    /// The cluster an external-dns token writes for.
    public let cluster: String?
    /// The domains an external-dns token is limited to (empty: every zone of the lab).
    public let domains: [String]

    public init(name: String, scope: TokenScope, createdAt: String, createdBy: String, expiresAt: String?, lastUsedAt: String?,
                cluster: String? = nil, domains: [String] = []) {
        self.name = name
        self.scope = scope
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.cluster = cluster
        self.domains = domains
    }
}
