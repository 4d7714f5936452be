#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Named variables of the process environment, read with `getenv`.
///
/// `ProcessInfo.processInfo.environment` builds a dictionary of every variable, which cost
/// a tenth of a short command's run (a scan of every protocol conformance in the binary
/// among it); a command that needs two variables reads those two.
public enum ProcessEnvironment {
    /// The variables among `names` that are set, by name.
    public static func values(_ names: [String]) -> [String: String] {
        var found: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { found[name] = String(cString: value) }
        }
        return found
    }
}
