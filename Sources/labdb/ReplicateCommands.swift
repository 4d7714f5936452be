import ArgumentParser
import Foundation
import LabModel
import LabReplica

/// `labdb replicate`: continuous replication of the database with Litestream.
struct ReplicateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replicate",
        abstract: "Stream every change to S3/MinIO with Litestream: write its configuration, see the replica's state.",
        discussion: "Restore with `labdb restore --from-replica --yes`. See docs/replication.md.",
        subcommands: [ReplicateConfigCommand.self, ReplicateStatusCommand.self])
}

struct ReplicateConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Write the Litestream configuration that replicates this database (credentials stay in the environment).",
        discussion: """
            By default the file is written beside the database as <db>.litestream.yml, where \
            `labdb restore --from-replica` looks first; -o FILE writes it elsewhere, -o - prints it. \
            Litestream reads the S3 key pair from LITESTREAM_ACCESS_KEY_ID and LITESTREAM_SECRET_ACCESS_KEY.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "The S3 bucket.")
    var bucket: String

    @Option(name: .long, help: "The S3 endpoint, e.g. http://192.168.1.27:9000 (the lab's MinIO).")
    var endpoint: String

    @Option(name: .long, help: "The folder in the bucket (default: labdb/<database file name>).")
    var path: String?

    @Option(name: .long, help: "The S3 region.")
    var region = "us-east-1"

    @Option(name: .customLong("sync-interval"), help: "How often changes are shipped: the most a dead disk can lose.")
    var syncInterval = "1s"

    @Option(name: [.customShort("o"), .long], help: "Write here instead of <db>.litestream.yml; - prints to stdout.")
    var output: String?

    @Flag(name: .long, help: "Replace an existing file that holds another configuration.")
    var force = false

    func run() throws {
        let database = LitestreamConfiguration.canonical(global.databasePath)
        guard !database.contains("$") else {
            throw CommandFailure("the database path \(database) contains '$', which Litestream would read as a variable; move the database")
        }
        let target = try ReplicaTarget(bucket: bucket, endpoint: endpoint, path: path ?? ReplicaTarget.defaultPath(for: database),
                                       region: region, syncInterval: syncInterval)
        let text = target.configuration(for: database)
        if output == "-" { return print(text, terminator: "") }
        let file = output ?? LitestreamConfiguration.defaultFile(for: database)
        let destination = LitestreamConfiguration.canonical(file)
        if let suffix = ["", "-wal", "-shm", "-journal"].first(where: { destination == database + $0 }) {
            throw CommandFailure("\(file) is the database\(suffix.isEmpty ? "" : "'s \(suffix) file"); give -o another file for the Litestream configuration")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
            throw CommandFailure("\(file) is a folder; give -o a file for the Litestream configuration")
        }
        if !force, let existing = try? String(contentsOfFile: file, encoding: .utf8), existing != text {
            throw ReplicationError.configurationExists(path: file)
        }
        // On a new machine the database's folder may not exist yet: the drill writes the configuration first.
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try AtomicFile.write(text, to: file, permissions: 0o644)
        print("wrote \(file): \(database) → \(target.url) at \(target.endpoint), every \(syncInterval)")
        print("run: litestream replicate -config \(file) -exec \"labdb --db \(database) serve\"  (with \(ReplicaTarget.accessKeyVariable) and \(ReplicaTarget.secretKeyVariable) set, AWS_CA_BUNDLE unset)")
    }
}

struct ReplicateStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Compare Litestream's local log with the replica: last sync, transactions not yet shipped.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "The Litestream configuration (else <db>.litestream.yml, $LITESTREAM_CONFIG, /etc/litestream.yml).")
    var config: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let database = global.databasePath
        let file = try LitestreamConfiguration.locate(explicit: config, databasePath: database, environment: environment)
        let configuration = try LitestreamConfiguration(file: file, environment: environment)
        let entry = try configuration.entry(for: database)
        let status = ReplicaStatus(databasePath: database, environment: environment)
        let remote = try status.remote(configuration: configuration, environment: environment)
        let local = status.lastSync
        let state: String
        switch (local, remote) {
        case (_, nil): state = "the replica is empty: start Litestream"
        case (nil, .some): state = "replica present; Litestream has not run here"
        case (let local?, let remote?):
            state = remote.transaction >= local.transaction ? "in sync" : "\(local.transaction - remote.transaction) transaction(s) not yet in the replica"
        }
        let rows: [[String]] = [
            ["database", database],
            ["configuration", file],
            ["replica", entry.replica + (entry.endpoint.map { " at \($0)" } ?? "")],
            ["litestream", status.process.map { "running (pid \($0))" } ?? "not running"],
            ["local", local.map { "transaction \($0.transaction) at \(ReplicaRestore.rfc3339($0.time))" } ?? "none"],
            ["replica newest", remote.map { "transaction \($0.transaction)" + ($0.time.map { " at \(ReplicaRestore.rfc3339($0))" } ?? "") } ?? "none"],
            ["state", state],
        ]
        let table = ResultTable(columns: ["item", "value"], rows: rows.map { $0.map { .text($0) } })
        print(global.render(table), terminator: "")
    }
}
