import Foundation
import LabModel
import LabStore

/// `labdb restore --from-replica`: Litestream restores the replica into a new file beside
/// the database; the file is checked (SQLite's integrity, the schema version; the lab's
/// rules are run and reported) and only then swapped in the way `labdb restore FILE` does it.
public struct ReplicaRestore {
    /// What a restore did.
    public struct Summary: Sendable {
        /// The replica, as `s3://bucket/path`.
        public var replica: String
        /// The configuration file used.
        public var configuration: String
        /// How the swap went (pages, schema, where the previous database was saved).
        public var backup: BackupSummary
        /// Seconds Litestream took to download and rebuild the file.
        public var downloadSeconds: Double
        /// What `labdb check`'s rules say about the restored lab (reported, not enforced).
        public var findings: [Finding]
    }

    /// The database to replace (or create).
    public let databasePath: String
    /// The Litestream configuration.
    public let configuration: LitestreamConfiguration
    /// The state of this moment, else the newest.
    public let timestamp: Date?
    /// labdb's environment (credentials come from here).
    public let environment: [String: String]
    /// The longest a `litestream restore` may take.
    public let timeLimit: Double

    public init(databasePath: String, configuration: LitestreamConfiguration, timestamp: Date? = nil,
                environment: [String: String], timeLimit: Double = 900) {
        self.databasePath = databasePath
        self.configuration = configuration
        self.timestamp = timestamp
        self.environment = environment
        self.timeLimit = timeLimit
    }

    /// Restores; without `confirmed` it stops after the checks with
    /// `ReplicationError.confirmationNeeded` and the database untouched.
    public func run(confirmed: Bool, context: ChangeContext?) throws -> Summary {
        let entry = try configuration.restoreEntry(for: databasePath)
        let missing = configuration.missingVariables(for: entry, in: environment)
        guard missing.isEmpty else { throw ReplicationError.missingCredentials(configuration: configuration.file, variables: missing) }
        let litestream = try Litestream(environment: environment)
        if let endpoint = entry.endpoint { try EndpointProbe(endpoint: endpoint).check() }

        let folder = (LitestreamConfiguration.canonical(databasePath) as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let candidate = folder + "/." + (databasePath as NSString).lastPathComponent + ".replica-\(getpid())"
        ReplicaRestore.removeFileSet(candidate)
        defer { ReplicaRestore.removeFileSet(candidate) }

        var arguments = ["restore", "-config", configuration.file, "-o", candidate]
        if let timestamp { arguments += ["-timestamp", ReplicaRestore.rfc3339(timestamp)] }
        let started = Date()
        try litestream.run(arguments + [entry.path], timeLimit: timeLimit)
        let downloadSeconds = Date().timeIntervalSince(started)
        let described = entry.replica + (timestamp.map { " as of \(ReplicaRestore.rfc3339($0))" } ?? "")

        // SQLite's integrity and foreign-key checks and the schema version refuse a damaged copy.
        // The lab's own rules are reported, not enforced: the replica is the lab as it was, and
        // refusing it for an overcommitted host would leave a dead disk's lab with nothing.
        let inspection = try LabBackup.inspect(candidate)
        var findings: [Finding] = []
        if inspection.pendingMigrations.isEmpty {
            findings = try ConsistencyCheck(database: try LabDatabase.openFile(readingOnly: candidate)).run()
        }
        guard confirmed else { throw ReplicationError.confirmationNeeded(replica: described, database: databasePath, schema: inspection.schema) }

        let replicator = LitestreamMetadata(databasePath: databasePath).replicatingProcess().map { "Litestream (pid \($0))" }
        let backup = try LabBackup.restore(from: candidate, into: databasePath, confirmed: true, context: context,
                                           describedAs: "the replica \(described)", replicator: replicator)
        return Summary(replica: described, configuration: configuration.file, backup: backup, downloadSeconds: downloadSeconds, findings: findings)
    }

    /// `date` as Litestream's `-timestamp` takes it.
    public static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Parses `--timestamp`: RFC 3339 (`2026-12-01T16:20:00Z`, fractional seconds allowed).
    public static func parseTimestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    static func removeFileSet(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal", ".tmp"] { unlink(path + suffix) }
    }
}
