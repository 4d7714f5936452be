/// Finds where statements end (`;` outside quotes and comments) as lines arrive. It keeps
/// its place between lines, so a statement of n lines costs O(n) to split, not O(n²).
struct StatementSplitter {
    /// A complete statement (without its `;`) and the line it starts on.
    struct Piece {
        let text: String
        let line: Int
    }

    /// The text read since the last `;` (or since the statement began).
    private(set) var pending = ""
    /// The line `pending` starts on.
    private(set) var pendingLine = 1
    /// Whether `pending` holds nothing but blanks and comments.
    private(set) var isBlank = true
    /// The quote a string of `pending` is open with, which goes on at the next line.
    private var quote: Character?

    /// Forgets the pending text (Ctrl-C, a dot-command).
    mutating func reset() {
        pending = ""
        quote = nil
        isBlank = true
    }

    /// Adds `text` as line `number` (a line holds no newline); returns the statements it ends.
    mutating func feed(_ text: String, line number: Int) -> [Piece] {
        if isBlank {
            // Blank lines and comments before a statement are not part of it.
            reset()
            pendingLine = number
        } else {
            pending.append("\n")
        }
        var pieces: [Piece] = []
        var inComment = false
        var previous: Character = "\n"
        var line = number
        var ended = false
        for c in text {
            if c == "\n" { line += 1; inComment = false }
            if inComment {
                pending.append(c)
            } else if let open = quote {
                if c == open { quote = nil }
                pending.append(c)
            } else if c == "'" || c == "\"" {
                quote = c
                pending.append(c)
            } else if c == "-" && previous == "-" {
                inComment = true
                pending.append(c)
            } else if c == ";" {
                pieces.append(Piece(text: pending, line: pendingLine))
                pending = ""
                pendingLine = line
                ended = true
            } else {
                pending.append(c)
            }
            previous = inComment ? " " : c
        }
        // After a `;` the pending text is the rest of this line only: checking it is cheap.
        isBlank = ended ? StatementSplitter.isBlank(pending) : isBlank && StatementSplitter.isBlank(text)
        return pieces
    }

    /// Whether `text` holds nothing but blanks and comments.
    static func isBlank(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { line in
            let trimmed = line.drop { $0.isWhitespace }
            return trimmed.isEmpty || trimmed.hasPrefix("--")
        }
    }
}
