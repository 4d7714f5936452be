import Foundation
import LabModel

/// Where a database's replication stands: Litestream's local log beside it (no network)
/// and, when asked, the replica itself.
public struct ReplicaStatus: Sendable {
    /// The newest change in the replica, as Litestream lists it.
    public struct Remote: Sendable, Hashable {
        public var transaction: UInt64
        public var time: Date?
    }

    /// The database file.
    public let databasePath: String
    /// The configuration found for it (one with an entry for this database), if any.
    public let configurationFile: String?
    /// Litestream's local metadata.
    public let metadata: LitestreamMetadata
    /// The newest change Litestream shipped from here.
    public let lastSync: LitestreamMetadata.LastSync?
    /// The running Litestream process replicating the database, if visible.
    public let process: Int32?

    /// The local status of `databasePath` (reads files only, never the network).
    public init(databasePath: String, environment: [String: String]) {
        self.databasePath = databasePath
        // A configuration counts only when it has an entry for this database.
        configurationFile = (try? LitestreamConfiguration.locate(explicit: nil, databasePath: databasePath, environment: environment)).flatMap { file in
            (try? LitestreamConfiguration(file: file, environment: environment).entry(for: databasePath)) == nil ? nil : file
        }
        metadata = LitestreamMetadata(databasePath: databasePath)
        lastSync = metadata.lastSync()
        process = metadata.replicatingProcess()
    }

    /// Whether anything says this database is replicated.
    public var isConfigured: Bool { metadata.exists || configurationFile != nil }

    /// One line for `labdb check`: whether a replica is configured, its last sync, whether Litestream runs.
    public func summary(now: Date = Date()) -> String {
        guard isConfigured else { return "replica: none configured (see docs/replication.md)" }
        var parts: [String] = []
        if let configurationFile { parts.append("configured in \(configurationFile)") }
        if let lastSync {
            parts.append("last sync \(ReplicaRestore.rfc3339(lastSync.time)) (\(ReplicaStatus.age(now.timeIntervalSince(lastSync.time))) ago, transaction \(lastSync.transaction))")
        } else {
            parts.append("no sync yet")
        }
        parts.append(process.map { "Litestream running (pid \($0))" } ?? "Litestream not running")
        return "replica: " + parts.joined(separator: "; ")
    }

    /// A warning when changes are waiting that no running Litestream will ship. `lastChange`
    /// is the newest change the history recorded (file times are the fallback: a checkpoint
    /// touches them without any change).
    public func findings(lastChange: Date?) -> [Finding] {
        guard isConfigured, process == nil, let written = lastChange ?? metadata.lastWrite() else { return [] }
        guard let lastSync else {
            return [Finding(.warning, "replica", "configured but Litestream has not replicated \(databasePath) yet; start it (systemctl start labdb-serve, or `litestream replicate -config FILE`)")]
        }
        // Litestream writes its log a moment after the WAL: two seconds is no backlog.
        guard written.timeIntervalSince(lastSync.time) > 2 else { return [] }
        return [Finding(.warning, "replica", "changes made since \(ReplicaRestore.rfc3339(lastSync.time)) are not replicated and Litestream is not running; start it (systemctl start labdb-serve)")]
    }

    /// The replica's newest change, asking Litestream (`litestream ltx`), within `timeLimit` seconds.
    public func remote(configuration: LitestreamConfiguration, environment: [String: String], timeLimit: Double = 30) throws -> Remote? {
        let entry = try configuration.entry(for: databasePath)
        let missing = configuration.missingVariables(for: entry, in: environment)
        guard missing.isEmpty else { throw ReplicationError.missingCredentials(configuration: configuration.file, variables: missing) }
        let litestream = try Litestream(environment: environment)
        if let endpoint = entry.endpoint { try EndpointProbe(endpoint: endpoint).check() }
        let output = try litestream.run(["ltx", "-config", configuration.file, "-json", entry.path], timeLimit: timeLimit)
        guard let files = try? JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [[String: Any]] else {
            throw ReplicationError.litestreamFailed(command: "litestream ltx", status: 0, message: "its output is not the JSON list expected")
        }
        let newest = files.compactMap { file -> Remote? in
            guard let text = file["max_txid"] as? String, let transaction = UInt64(text, radix: 16) else { return nil }
            return Remote(transaction: transaction, time: (file["timestamp"] as? String).flatMap(ReplicaRestore.parseTimestamp))
        }.max { $0.transaction < $1.transaction }
        return newest
    }

    static func age(_ seconds: Double) -> String {
        switch seconds {
        case ..<120: return "\(max(0, Int(seconds))) s"
        case ..<7_200: return "\(Int(seconds / 60)) min"
        case ..<172_800: return "\(Int(seconds / 3_600)) h"
        default: return "\(Int(seconds / 86_400)) days"
        }
    }
}
