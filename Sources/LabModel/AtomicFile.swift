import Foundation

/// Writes files atomically: a temporary file in the same folder, then a rename.
public enum AtomicFile {
    /// Replaces `path` with `text` so that readers see the old or the new file, never half of one.
    /// Refuses (``FileTargetError``) a `path` that exists and is not a regular file, or that
    /// is `database` or one of its companions.
    public static func write(_ text: String, to path: String, permissions: Int? = nil, database: String? = nil) throws {
        try FileTarget.requireReplaceable(path, database: database)
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try Data(text.utf8).write(to: temporary)
        if let permissions {
            try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
        }
        guard rename(temporary.path, path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
