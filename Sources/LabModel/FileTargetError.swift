/// Why labdb refused to write a file; nothing was written.
public enum FileTargetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path exists and is not a regular file.
    case notRegularFile(path: String, kind: String)
    /// The path is the database or one of its companions.
    case databaseFile(path: String, database: String, role: String)

    public var description: String {
        switch self {
        case .notRegularFile(let path, let kind):
            return "\(path) is \(kind), not a regular file; labdb replaces only regular files, give another path"
        case .databaseFile(let path, let database, let role):
            return "\(path) is \(role) (\(database)); writing there would damage the database, give another path"
        }
    }
}
