import Foundation

/// Reads a target's secret from the environment: `NAME`, else the file named by
/// `NAME_FILE`, which must not be readable by group or others.
///
/// The secret is returned to the provider only; it is never stored, printed or put in an error.
public struct SecretReader: Sendable {
    /// The Pi-hole password (or app password) variable.
    public static let piholePassword = "LABDB_PIHOLE_PASSWORD"
    /// The Cloudflare API token variable.
    public static let cloudflareToken = "LABDB_CLOUDFLARE_TOKEN"

    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) { self.environment = environment }

    /// The secret held by `variable` (or the file named by `variable_FILE`), for `target`.
    public func secret(_ variable: String, for target: String) throws -> String {
        if let value = environment[variable], !value.isEmpty { return value }
        guard let path = environment[variable + "_FILE"], !path.isEmpty else {
            throw DNSError.missingSecret(target: target, variable: variable)
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw DNSError.secretFileUnreadable(variable: variable, path: path) }
        let mode = Int(info.st_mode & 0o777)
        if mode & 0o077 != 0 { throw DNSError.secretFileTooOpen(variable: variable, path: path, mode: mode) }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw DNSError.secretFileUnreadable(variable: variable, path: path)
        }
        let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw DNSError.missingSecret(target: target, variable: variable) }
        return secret
    }
}
