/// The names of objects in the database, by name source (`hosts`, `ranges`, `services`, ...):
/// lets the binder say "no host named 'z44'; did you mean 'z440'?". The executor implements it.
public protocol ObjectNames {
    /// Whether an object of `source` is called `name` (case-insensitive).
    func contains(_ name: String, in source: String) -> Bool
    /// All names of `source`, for suggestions.
    func names(in source: String) -> [String]
}
