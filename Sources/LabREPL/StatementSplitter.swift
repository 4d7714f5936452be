/// Finds where statements end (`;` outside quotes and comments) in text read so far.
enum StatementSplitter {
    /// The complete statements in `text` (without their `;`), each with the offset of the
    /// line it starts on, and the incomplete rest with the offset of its first line.
    static func split(_ text: String) -> (statements: [(text: String, lineOffset: Int)], rest: String, restLineOffset: Int) {
        var statements: [(String, Int)] = []
        var current = ""
        var line = 0
        var startLine = 0
        var quote: Character?
        var inComment = false
        var previous: Character = " "
        for c in text {
            if c == "\n" { line += 1 }
            if inComment {
                if c == "\n" { inComment = false }
                current.append(c)
            } else if let open = quote {
                if c == open { quote = nil }
                current.append(c)
            } else if c == "'" || c == "\"" {
                quote = c
                current.append(c)
            } else if c == "-" && previous == "-" {
                inComment = true
                current.append(c)
            } else if c == ";" {
                statements.append((current, startLine))
                current = ""
                startLine = line
            } else {
                current.append(c)
            }
            previous = inComment ? " " : c
        }
        return (statements, current, startLine)
    }

    /// Whether `text` holds nothing but blanks and comments.
    static func isBlank(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { line in
            let trimmed = line.drop { $0.isWhitespace }
            return trimmed.isEmpty || trimmed.hasPrefix("--")
        }
    }
}
