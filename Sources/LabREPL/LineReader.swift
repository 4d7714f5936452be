/// What reading one line produced.
public enum LineInput: Equatable, Sendable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C: the user abandoned the line (and any statement being continued).
    case interrupted
    /// End of input (Ctrl-D, or the end of a file or pipe).
    case end
}

/// A source of input lines for the shell: a terminal, a pipe, a file or a test script.
public protocol LineReader: AnyObject {
    /// Reads the next line, showing `prompt` when interactive.
    func readLine(prompt: String) -> LineInput
    /// Records a line entered by a person (history); a no-op for non-interactive readers.
    func remember(_ line: String)
}

extension LineReader {
    public func remember(_ line: String) {}
}

/// Lines from standard input without editing or history: for pipes and redirected files.
public final class StandardInputReader: LineReader {
    /// A reader of standard input.
    public init() {}

    public func readLine(prompt: String) -> LineInput {
        Swift.readLine(strippingNewline: true).map(LineInput.line) ?? .end
    }
}

/// Lines of a text already in memory: `.read FILE` and tests.
public final class TextLineReader: LineReader {
    private var lines: [Substring]
    private var index = 0

    /// A reader of the lines of `text`.
    public init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
    }

    public func readLine(prompt: String) -> LineInput {
        guard index < lines.count else { return .end }
        defer { index += 1 }
        return .line(String(lines[index]))
    }
}
