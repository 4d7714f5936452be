/// Splits a statement into tokens. Words are runs of letters, digits and `. _ - : / * @`,
/// so that names (`edge-pi-01`), sizes (`8G`), addresses (`192.168.1.10`, `fd00::1`) and
/// CIDRs (`192.168.1.0/26`) are each one word; `--` starts a comment to the end of the line.
public struct Lexer {
    let characters: [Character]

    /// A lexer over `text`.
    public init(_ text: String) {
        characters = Array(text)
    }

    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || "._-:/*@".contains(c)
    }

    static let symbols = ["!=", "<>", "<=", ">=", "=~", "!~", "(", ")", ",", ";", "=", "<", ">", "~"]

    /// All tokens, ending with a `.end` token; or the diagnostic for the first bad character.
    public func tokens() throws(Diagnostic) -> [Token] {
        // SQLite and C strings end text at a NUL: refuse it rather than store a cut value.
        if let nul = characters.firstIndex(of: "\u{0}") {
            throw Diagnostic("the statement contains a NUL character (byte 0), which labdb cannot store", at: SourceRange(nul, nul + 1),
                             hint: "remove it; values are text without control bytes")
        }
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let c = characters[index]
            if c.isWhitespace {
                index += 1
            } else if c == "-", index + 1 < characters.count, characters[index + 1] == "-" {
                while index < characters.count, characters[index] != "\n" { index += 1 }
            } else if c == "'" || c == "\"" {
                tokens.append(try string(from: &index, quote: c))
            } else if Lexer.isWordCharacter(c) {
                let start = index
                while index < characters.count, Lexer.isWordCharacter(characters[index]) { index += 1 }
                // Appended one by one: the generic `String(_: some Sequence)` cost a scan of every
                // protocol conformance in the binary on each command's start (about 0.3 ms).
                var word = ""
                for character in characters[start..<index] { word.append(character) }
                tokens.append(Token(kind: .word, text: word, range: SourceRange(start, index)))
            } else if let symbol = Lexer.symbols.first(where: { matches($0, at: index) }) {
                tokens.append(Token(kind: .symbol, text: symbol == "<>" ? "!=" : symbol, range: SourceRange(index, index + symbol.count)))
                index += symbol.count
            } else {
                throw Diagnostic("unexpected character '\(c)'", at: SourceRange(index, index + 1),
                                 hint: "quote text that contains it, e.g. 'a b'")
            }
        }
        tokens.append(Token(kind: .end, text: "", range: SourceRange(characters.count, characters.count)))
        return tokens
    }

    private func matches(_ symbol: String, at index: Int) -> Bool {
        var i = index
        for s in symbol {
            guard i < characters.count, characters[i] == s else { return false }
            i += 1
        }
        return true
    }

    private func string(from index: inout Int, quote: Character) throws(Diagnostic) -> Token {
        let start = index
        index += 1
        var text = ""
        while index < characters.count {
            let c = characters[index]
            if c == quote {
                if index + 1 < characters.count, characters[index + 1] == quote {
                    text.append(quote)
                    index += 2
                    continue
                }
                index += 1
                return Token(kind: .string, text: text, range: SourceRange(start, index))
            }
            text.append(c)
            index += 1
        }
        throw Diagnostic("unterminated string", at: SourceRange(start, start + 1), hint: "close it with \(quote)")
    }
}
