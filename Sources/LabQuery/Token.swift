/// One lexical token of a statement.
public struct Token: Hashable, Sendable {
    /// What sort of token this is.
    public enum Kind: Hashable, Sendable {
        /// A bare word: keyword, entity, field, name, number, size, address or CIDR.
        case word
        /// A quoted string; `text` holds its content without quotes.
        case string
        /// An operator or punctuation: `( ) , ; = != < <= > >= ~ !~ =~`.
        case symbol
        /// The end of the statement.
        case end
    }

    /// The kind of token.
    public let kind: Kind
    /// The token's text (for strings, the unquoted content).
    public let text: String
    /// Where the token stands in the statement.
    public let range: SourceRange

    /// A token of `kind` with `text` at `range`.
    public init(kind: Kind, text: String, range: SourceRange) {
        self.kind = kind
        self.text = text
        self.range = range
    }

    /// Whether this is the bare word `keyword` (case-insensitive).
    public func isKeyword(_ keyword: String) -> Bool {
        kind == .word && text.lowercased() == keyword
    }

    /// Whether this is the symbol `symbol`.
    public func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol && text == symbol
    }

    /// How the token reads in a message.
    var quoted: String {
        switch kind {
        case .end: return "the end of the statement"
        case .string: return "'\(text)'"
        default: return "'\(text)'"
        }
    }
}
