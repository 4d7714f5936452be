import Foundation

/// Where and how often a database is streamed: one S3 (or MinIO) replica, as
/// `labdb replicate config` writes it into a Litestream 0.5 configuration.
public struct ReplicaTarget: Sendable, Hashable {
    /// The environment variable holding the S3 access key id.
    public static let accessKeyVariable = "LITESTREAM_ACCESS_KEY_ID"
    /// The environment variable holding the S3 secret access key.
    public static let secretKeyVariable = "LITESTREAM_SECRET_ACCESS_KEY"

    /// The bucket.
    public var bucket: String
    /// The S3 endpoint, e.g. `http://192.168.1.27:9000` for the lab's MinIO.
    public var endpoint: String
    /// The folder inside the bucket.
    public var path: String
    /// The S3 region (MinIO accepts any; us-east-1 is its default).
    public var region: String
    /// How often Litestream ships new changes: the most that a lost disk can cost.
    public var syncInterval: String

    /// A target after checking each setting; throws `ReplicationError.invalidSetting` naming the bad one.
    public init(bucket: String, endpoint: String, path: String, region: String = "us-east-1", syncInterval: String = "1s") throws {
        guard ReplicaTarget.isBucketName(bucket) else {
            throw ReplicationError.invalidSetting(name: "bucket", value: bucket, expected: "3 to 63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit")
        }
        guard let url = URL(string: endpoint), let scheme = url.scheme, scheme == "http" || scheme == "https", url.host != nil,
              url.path.isEmpty || url.path == "/", url.query == nil else {
            throw ReplicationError.invalidSetting(name: "endpoint", value: endpoint, expected: "an http:// or https:// URL with a host and an optional port, e.g. http://192.168.1.27:9000")
        }
        let trimmedPath = path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard !trimmedPath.isEmpty, trimmedPath.allSatisfy({ $0.isLetter || $0.isNumber || "-_./".contains($0) }), !trimmedPath.contains("..") else {
            throw ReplicationError.invalidSetting(name: "path", value: path, expected: "a folder inside the bucket made of letters, digits, '-', '_', '.' and '/'")
        }
        guard !region.isEmpty, region.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw ReplicationError.invalidSetting(name: "region", value: region, expected: "an S3 region such as us-east-1")
        }
        guard syncInterval.wholeMatch(of: /[0-9]+(ms|s|m)/) != nil else {
            throw ReplicationError.invalidSetting(name: "sync interval", value: syncInterval, expected: "a duration such as 1s, 500ms or 1m")
        }
        self.bucket = bucket
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.path = trimmedPath
        self.region = region
        self.syncInterval = syncInterval
    }

    /// The default folder in the bucket for the database at `databasePath`: `labdb/<file name>`.
    public static func defaultPath(for databasePath: String) -> String {
        "labdb/" + (databasePath as NSString).lastPathComponent
    }

    /// `s3://bucket/path`, for messages.
    public var url: String { "s3://\(bucket)/\(path)" }

    /// The Litestream 0.5 configuration replicating the database at `databasePath` (an
    /// absolute path) to this target. Credentials are `${VAR}` references that Litestream
    /// expands from its environment: the file itself holds no secret.
    public func configuration(for databasePath: String) -> String {
        """
        # Litestream 0.5 configuration for the labdb database \(databasePath),
        # written by `labdb replicate config`. Run it with:
        #   litestream replicate -config THIS_FILE -exec "labdb --db \(databasePath) serve"
        # Credentials come from the environment only: \(ReplicaTarget.accessKeyVariable) and
        # \(ReplicaTarget.secretKeyVariable). Unset AWS_CA_BUNDLE for Litestream (it fails to start with it).
        # Worst-case loss when the disk dies: the changes of the last sync-interval.
        dbs:
          - path: \(ReplicaTarget.quoted(databasePath))
            replica:
              type: s3
              bucket: \(ReplicaTarget.quoted(bucket))
              path: \(ReplicaTarget.quoted(path))
              endpoint: \(ReplicaTarget.quoted(endpoint))
              region: \(ReplicaTarget.quoted(region))
              force-path-style: true
              access-key-id: ${\(ReplicaTarget.accessKeyVariable)}
              secret-access-key: ${\(ReplicaTarget.secretKeyVariable)}
              sync-interval: \(syncInterval)

        """
    }

    static func isBucketName(_ name: String) -> Bool {
        guard (3...63).contains(name.count), let first = name.first, let last = name.last,
              first.isASCII && (first.isLowercase || first.isNumber), last.isASCII && (last.isLowercase || last.isNumber) else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "-") }
    }

    /// A YAML double-quoted scalar (paths may hold spaces or colons). Callers keep `$` out:
    /// Litestream expands `$NAME` anywhere in the file.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
