import LabQuery

/// Why a statement did not run: a diagnostic pointing into its text, or a refusal.
public enum ExecutionError: Error, Equatable, CustomStringConvertible {
    /// The statement is malformed or names unknown things.
    case diagnostic(Diagnostic, source: String)
    /// The statement is well-formed but cannot be carried out (not found, dependants, constraint).
    case refused(String)

    /// One line: the message (and hint).
    public var description: String {
        switch self {
        case .diagnostic(let diagnostic, _): return diagnostic.description
        case .refused(let message): return message
        }
    }

    /// The message and, for diagnostics, the source line with a caret under the token.
    public var rendered: String {
        switch self {
        case .diagnostic(let diagnostic, let source): return diagnostic.rendered(in: source)
        case .refused(let message): return message
        }
    }

    /// The 0-based line offset within the statement where the problem is.
    public var lineOffset: Int {
        if case .diagnostic(let diagnostic, let source) = self { return diagnostic.line(in: source) - 1 }
        return 0
    }
}
