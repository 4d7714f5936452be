import Foundation

/// Reads a whole text file (for `.read`).
enum FileText {
    /// The UTF-8 text of `path`, or nil when it cannot be read.
    static func read(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }
}
