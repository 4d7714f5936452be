import Foundation
import Yams

/// A Litestream configuration file as labdb needs it: which databases it replicates, where
/// to, and which environment variables it expects. Read without expanding the variables,
/// so that no secret is ever held here.
public struct LitestreamConfiguration: Sendable, Hashable {
    /// One database entry and its (first) replica.
    public struct Entry: Sendable, Hashable {
        /// The database path as written in the file.
        public var path: String
        /// `s3://bucket/path` or the replica's `url`, for messages.
        public var replica: String
        /// The S3 endpoint with variables expanded, when the replica names one.
        public var endpoint: String?
        /// Whether the replica names its access key (else Litestream reads `AWS_*`/`LITESTREAM_*`).
        public var hasAccessKey: Bool
        /// The replica type (`s3`, `file`, ...).
        public var type: String
    }

    /// The file.
    public let file: String
    /// The database entries, in file order.
    public let entries: [Entry]
    /// The environment variables the file refers to (`${NAME}` or `$NAME`).
    public let variables: [String]

    /// Reads and parses `file`.
    public init(file: String, environment: [String: String]) throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw ReplicationError.unreadableConfiguration(path: file, reason: FileManager.default.fileExists(atPath: file) ? "permission denied" : "no such file")
        }
        try self.init(text: text, file: file, environment: environment)
    }

    /// Parses configuration `text` (from `file`, for messages).
    public init(text: String, file: String, environment: [String: String]) throws {
        self.file = file
        let lines = text.split(separator: "\n").filter { !$0.drop { $0 == " " }.hasPrefix("#") }.joined(separator: "\n")
        variables = Array(Set(lines.matches(of: /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/).map { String($0.1) })).sorted()
        let root: Any?
        do {
            root = try Yams.load(yaml: text)
        } catch {
            throw ReplicationError.unreadableConfiguration(path: file, reason: "not valid YAML")
        }
        guard let document = root as? [String: Any], let dbs = document["dbs"] as? [[String: Any]] else {
            throw ReplicationError.unreadableConfiguration(path: file, reason: "it has no `dbs:` list")
        }
        entries = try dbs.map { db in
            guard let path = db["path"] as? String else {
                throw ReplicationError.unreadableConfiguration(path: file, reason: "a `dbs:` entry has no `path`")
            }
            let replica = (db["replica"] as? [String: Any]) ?? (db["replicas"] as? [[String: Any]])?.first ?? [:]
            let expand = { (value: String) in LitestreamConfiguration.expanded(value, environment) }
            var endpoint = (replica["endpoint"] as? String).map(expand)
            var described = "s3://\(replica["bucket"] as? String ?? "?")/\(replica["path"] as? String ?? "")"
            var type = replica["type"] as? String ?? "s3"
            if let url = replica["url"] as? String, let components = URLComponents(string: expand(url)) {
                type = components.scheme ?? type
                described = "\(type)://\(components.host ?? "")\(components.path)"
                endpoint = endpoint ?? components.queryItems?.first { $0.name == "endpoint" }?.value
            } else if type != "s3" {
                described = "\(type) replica \(replica["path"] as? String ?? "")"
            }
            return Entry(path: path, replica: described, endpoint: endpoint, hasAccessKey: replica["access-key-id"] != nil, type: type)
        }
    }

    /// The entry for the database at `databasePath` (compared as absolute, resolved paths).
    public func entry(for databasePath: String) throws -> Entry {
        let wanted = LitestreamConfiguration.canonical(databasePath)
        guard let entry = entries.first(where: { LitestreamConfiguration.canonical($0.path) == wanted }) else {
            throw ReplicationError.databaseNotInConfiguration(database: databasePath, configuration: file, listed: entries.map(\.path))
        }
        return entry
    }

    /// The entry to restore `databasePath` from: its own, else the only entry of the file
    /// (the drill on a new machine, where the database may live elsewhere).
    public func restoreEntry(for databasePath: String) throws -> Entry {
        if entries.count == 1, (try? entry(for: databasePath)) == nil { return entries[0] }
        return try entry(for: databasePath)
    }

    /// The variables the replica of `entry` needs that `environment` lacks (or has empty):
    /// every variable the file names, and an access key pair when the file names none.
    public func missingVariables(for entry: Entry, in environment: [String: String]) -> [String] {
        let isSet = { (name: String) in !(environment[name] ?? "").isEmpty }
        var missing = variables.filter { !isSet($0) }
        if entry.type == "s3", !entry.hasAccessKey {
            for (litestream, aws) in [(ReplicaTarget.accessKeyVariable, "AWS_ACCESS_KEY_ID"), (ReplicaTarget.secretKeyVariable, "AWS_SECRET_ACCESS_KEY")]
            where !isSet(litestream) && !isSet(aws) {
                missing.append(litestream)
            }
        }
        return missing
    }

    /// The configuration file for the database at `databasePath`: `explicit` (`--config`),
    /// else the one `labdb replicate config` wrote beside the database, else
    /// `$LITESTREAM_CONFIG`, else `/etc/litestream.yml`.
    public static func locate(explicit: String?, databasePath: String, environment: [String: String]) throws -> String {
        if let explicit { return explicit }
        var searched = [defaultFile(for: databasePath)]
        if let variable = environment["LITESTREAM_CONFIG"], !variable.isEmpty { searched.append(variable) }
        searched.append("/etc/litestream.yml")
        guard let found = searched.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw ReplicationError.noConfiguration(database: databasePath, searched: searched)
        }
        return found
    }

    /// Where `labdb replicate config` writes the configuration of `databasePath` by default.
    public static func defaultFile(for databasePath: String) -> String {
        canonical(databasePath) + ".litestream.yml"
    }

    /// `path` made absolute, with symbolic links in its folder resolved.
    public static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let url = URL(fileURLWithPath: absolute).standardizedFileURL
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath().path
        return (folder == "/" ? "" : folder) + "/" + url.lastPathComponent
    }

    /// `value` with `${NAME}` and `$NAME` replaced from `environment` (for the endpoint only).
    static func expanded(_ value: String, _ environment: [String: String]) -> String {
        value.replacing(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/) { environment[String($0.1)] ?? "" }
    }
}
