/// What a backup or restore did.
public struct BackupSummary: Sendable, Hashable {
    /// The file written (backup) or read (restore).
    public var file: String
    /// Pages copied by SQLite's backup API.
    public var pages: Int
    /// Size of the copy in bytes.
    public var bytes: Int64
    /// The newest migration in the copy.
    public var schema: String
    /// For a restore: where the database as it was before the restore was saved.
    public var savedPrevious: String?
}
