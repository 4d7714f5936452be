import LabIP
import LabStore

/// Holds the last compiled regular expression, so that a filter over many rows compiles once.
private final class RegexCache {
    var pattern = ""
    var regex: Regex<AnyRegexOutput>?
}

extension Database {
    /// Defines the SQL functions that compiled queries use and SQLite lacks:
    /// `regexp(pattern, text)` (also the `REGEXP` operator) and
    /// `labdb_address_text(family, bytes)` (an address as text, e.g. for A records), and the
    /// utilisation functions of ``defineUsageFunctions()``.
    public func defineQueryFunctions() throws {
        try defineUsageFunctions()
        let cache = RegexCache()
        try defineFunction("regexp", argumentCount: 2) { arguments in
            guard let pattern = arguments[0].string, let text = arguments[1].string else { return .null }
            if cache.pattern != pattern || cache.regex == nil {
                cache.regex = try Regex(pattern)
                cache.pattern = pattern
            }
            return .integer(text.contains(cache.regex!) ? 1 : 0)
        }
        try defineFunction("labdb_address_text", argumentCount: 2) { arguments in
            guard let family = arguments[0].int.flatMap({ IPFamily(rawValue: Int($0)) }), let bytes = arguments[1].bytes,
                  let address = IPAddress(family: family, bytes: bytes) else { return .null }
            return .text(address.description)
        }
    }
}
