/// An error in a statement, pointing at the text that caused it.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// One sentence saying what is wrong.
    public let message: String
    /// The offending text.
    public let range: SourceRange
    /// What to do, e.g. "did you mean 'vms'?"; nil when there is nothing useful to say.
    public let hint: String?

    /// A diagnostic `message` at `range`, with an optional `hint`.
    public init(_ message: String, at range: SourceRange, hint: String? = nil) {
        self.message = message
        self.range = range
        self.hint = hint
    }

    /// The message and the hint on one line.
    public var description: String {
        hint.map { "\(message); \($0)" } ?? message
    }

    /// The line (1-based) of `text` on which the diagnostic starts.
    public func line(in text: String) -> Int {
        var line = 1
        for (offset, c) in text.enumerated() {
            if offset >= range.lowerBound { break }
            if c == "\n" { line += 1 }
        }
        return line
    }

    /// Lines longer than this are shown as a window of this many characters around the token.
    static let maximumExcerpt = 120

    /// The source line, and a caret line under the offending token:
    /// ```
    ///   vms where rma > 8G
    ///             ^^^
    /// ```
    public func excerpt(in text: String) -> String {
        let characters = Array(text)
        let start = min(range.lowerBound, characters.count)
        var lineStart = start
        while lineStart > 0, characters[lineStart - 1] != "\n" { lineStart -= 1 }
        var lineEnd = start
        while lineEnd < characters.count, characters[lineEnd] != "\n" { lineEnd += 1 }
        // A long line (a generated statement) is shown as a window around the token.
        var shownStart = lineStart, shownEnd = lineEnd, lead = "", tail = ""
        if lineEnd - lineStart > Diagnostic.maximumExcerpt {
            shownStart = max(lineStart, start - Diagnostic.maximumExcerpt / 3)
            shownEnd = min(lineEnd, shownStart + Diagnostic.maximumExcerpt)
            if shownStart > lineStart { lead = "..." }
            if shownEnd < lineEnd { tail = "..." }
        }
        let width = max(1, min(range.upperBound, shownEnd) - start)
        let source = lead + String(characters[shownStart..<shownEnd]) + tail
        let padding = String(repeating: " ", count: lead.count) + String(characters[shownStart..<start].map { $0 == "\t" ? "\t" : " " })
        return "  " + source + "\n  " + padding + String(repeating: "^", count: width)
    }

    /// The full report: message, source line and caret.
    public func rendered(in text: String) -> String {
        description + "\n" + excerpt(in: text)
    }
}
