/// Why a token command was refused; one sentence naming the token and what to do.
public enum TokenError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A token of this name exists.
    case duplicate(name: String)
    /// No token has this name.
    case unknown(name: String, suggestion: String?)
    /// The name is not 1–63 letters, digits, '.', '_' or '-'.
    case invalidName(String)
    /// The expiry is not a duration such as 90d, 12h or 30m.
    case invalidExpiry(String)
    /// An external-dns token needs the cluster it writes for; other scopes take none.
    case clusterMismatch(scope: TokenScope)
    /// No cluster has this name.
    case unknownCluster(name: String, suggestion: String?)

    public var description: String {
        switch self {
        case .duplicate(let name):
            return "a token named '\(name)' exists; revoke it first (`labdb token revoke \(name)`) or choose another name"
        case .unknown(let name, let suggestion):
            return "no token named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; see `labdb token list`")
        case .invalidName(let name):
            return "'\(name)' is not a valid token name (1–63 letters, digits, '.', '_' or '-')"
        case .invalidExpiry(let text):
            return "'\(text)' is not an expiry; write a number of days, hours or minutes such as 90d, 12h or 30m"
        case .clusterMismatch(let scope):
            return scope == .externalDNS
                ? "an external-dns token writes for one cluster: add --cluster NAME"
                : "--cluster and --domain belong to external-dns tokens; a \(scope.rawValue) token takes neither"
        case .unknownCluster(let name, let suggestion):
            return "no cluster named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; see `labdb query clusters`")
        }
    }
}
