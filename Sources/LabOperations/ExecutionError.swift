import LabQuery

/// Why a statement did not run: a diagnostic pointing into its text, or a refusal.
public enum ExecutionError: Error, Equatable, CustomStringConvertible {
    /// The statement is malformed or names unknown things.
    case diagnostic(Diagnostic, source: String)
    /// The statement is well-formed but cannot be carried out (not found, dependants, constraint).
    case refused(String)
    /// The statement ran past the caller's time limit and was stopped; nothing was changed.
    case timedOut(statement: String, seconds: Double)

    /// One line: the message (and hint).
    public var description: String {
        switch self {
        case .diagnostic(let diagnostic, _): return diagnostic.description
        case .refused(let message): return message
        case .timedOut(let statement, let seconds): return ExecutionError.timeOutMessage(statement, seconds)
        }
    }

    /// The message and, for diagnostics, the source line with a caret under the token.
    public var rendered: String {
        switch self {
        case .diagnostic(let diagnostic, let source): return diagnostic.rendered(in: source)
        case .refused(let message): return message
        case .timedOut(let statement, let seconds): return ExecutionError.timeOutMessage(statement, seconds)
        }
    }

    /// The 0-based line offset within the statement where the problem is.
    public var lineOffset: Int {
        if case .diagnostic(let diagnostic, let source) = self { return diagnostic.line(in: source) - 1 }
        return 0
    }

    private static func timeOutMessage(_ statement: String, _ seconds: Double) -> String {
        let limit = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        return "the statement ran longer than the \(limit) s limit and was stopped (nothing was changed): \(statement)"
    }
}
