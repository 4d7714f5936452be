/// One problem in a lab file, located by line, column and key path.
public struct LabFileProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file the problem is in.
    public let file: String
    /// 1-based line, when known.
    public let line: Int?
    /// 1-based column, when known.
    public let column: Int?
    /// The key path, e.g. `vms[3].host`.
    public let path: String
    /// What is wrong, naming the object.
    public let message: String

    public init(file: String, line: Int?, column: Int?, path: String, message: String) {
        self.file = file; self.line = line; self.column = column; self.path = path; self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(path): \(message)"
    }
}

/// A lab file that cannot be imported; nothing was written.
public struct LabFileError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in file order.
    public let problems: [LabFileProblem]

    public init(problems: [LabFileProblem]) { self.problems = problems }

    public var description: String {
        let shown = problems.prefix(20).map(\.description)
        let more = problems.count > 20 ? ["... and \(problems.count - 20) more problems"] : []
        return (shown + more).joined(separator: "\n")
    }
}
