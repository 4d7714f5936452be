import ArgumentParser
import Foundation
import LabIP
import LabModel
import LabReplica
import LabStore

/// The flags of `labdb restore --from-replica`.
struct ReplicaRestoreOptions: ParsableArguments {
    @Flag(name: .customLong("from-replica"), help: "Restore from the Litestream replica instead of a file.")
    var fromReplica = false

    @Option(name: .long, help: "With --from-replica: the Litestream configuration (else <db>.litestream.yml, $LITESTREAM_CONFIG, /etc/litestream.yml).")
    var config: String?

    @Option(name: .long, help: "With --from-replica: the state at this UTC time (RFC 3339, e.g. 2026-12-01T16:20:00Z) instead of the newest.")
    var timestamp: String?

    func validate(file: String?) throws {
        if fromReplica, file != nil { throw ValidationError("give either a backup FILE or --from-replica, not both") }
        if !fromReplica, file == nil { throw ValidationError("give the backup FILE to restore, or --from-replica") }
        if !fromReplica, config != nil || timestamp != nil { throw ValidationError("--config and --timestamp go with --from-replica") }
        if let timestamp, ReplicaRestore.parseTimestamp(timestamp) == nil {
            throw ValidationError("'\(timestamp)' is not a time for --timestamp: give a UTC time in RFC 3339 form, e.g. 2026-12-01T16:20:00Z")
        }
    }

    /// Restores `databasePath` from the replica its configuration names.
    func restore(into databasePath: String, confirmed: Bool, context: ChangeContext) throws {
        let environment = ProcessInfo.processInfo.environment
        let file = try LitestreamConfiguration.locate(explicit: config, databasePath: databasePath, environment: environment)
        let restore = ReplicaRestore(databasePath: databasePath, configuration: try LitestreamConfiguration(file: file, environment: environment),
                                     timestamp: timestamp.flatMap(ReplicaRestore.parseTimestamp), environment: environment)
        let summary = try restore.run(confirmed: confirmed, context: context)
        if let saved = summary.backup.savedPrevious { print("saved the previous database as \(saved)") }
        print("restored \(databasePath) from \(summary.replica) (\(file)): \(summary.backup.pages) pages, schema \(summary.backup.schema), downloaded in \(String(format: "%.1f", summary.downloadSeconds)) s")
        let errors = summary.findings.filter { $0.severity == .error }
        if !summary.findings.isEmpty {
            let shown = (errors.isEmpty ? summary.findings : errors).prefix(3).map(\.description).joined(separator: "; ")
            print("the restored lab breaks \(errors.count) of labdb's rules and has \(summary.findings.count - errors.count) warning(s), as it did when replicated (\(shown)\(summary.findings.count > 3 ? "; ..." : "")); see `labdb check`")
        }
    }
}
