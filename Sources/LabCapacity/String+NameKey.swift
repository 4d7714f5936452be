extension String {
    /// The key names are compared by: ASCII letters folded to lower case, as SQLite's NOCASE
    /// does. Names without upper-case letters (the usual case) are returned as they are,
    /// without allocating.
    var nameKey: String {
        utf8.contains { $0 >= 65 && $0 <= 90 } ? String(decoding: utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self) : self
    }
}
