/// Why a capacity question cannot be answered. Each case prints one sentence that names
/// the object, the problem and what to do.
public enum CapacityError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Limits that cannot be used (unparsable or contradicting each other).
    case invalidLimits(String)
    /// A VM shape that makes no sense (zero vCPUs, no RAM, a bad `--disk`).
    case invalidShape(String)
    /// No host called `name`; `suggestion` is the closest name, if any.
    case unknownHost(name: String, suggestion: String?)
    /// No candidate host has a pool called `name`.
    case unknownPool(name: String, suggestion: String?)
    /// No range called `name`.
    case unknownRange(name: String, suggestion: String?)
    /// The VM has more vCPUs than the largest host has cores.
    case tooManyVCPUs(cpus: Int, largestHost: String, cores: Int)
    /// No host can take VMs: none has cores and RAM recorded. `skipped` are the hosts without them.
    case noHostsWithResources(skipped: [String])

    public var description: String {
        switch self {
        case .invalidLimits(let message):
            return "invalid capacity limits: \(message)"
        case .invalidShape(let message):
            return "invalid VM shape: \(message)"
        case .unknownHost(let name, let suggestion):
            return "no host named '\(name)'" + Self.hint(suggestion) + "; `labdb hosts` lists them"
        case .unknownPool(let name, let suggestion):
            return "no VM host has a storage pool named '\(name)'" + Self.hint(suggestion) + "; `labdb capacity` lists the pools"
        case .unknownRange(let name, let suggestion):
            return "no range named '\(name)'" + Self.hint(suggestion) + "; `labdb ranges` lists them"
        case .tooManyVCPUs(let cpus, let host, let cores):
            return "a VM with \(cpus) vCPUs fits on no host: a VM may not have more vCPUs than its host has cores, and the largest host, \(host), has \(cores); ask for at most \(cores) vCPUs"
        case .noHostsWithResources(let skipped):
            let list = skipped.isEmpty ? "the lab has no VM hosts" : "no VM host has cores and RAM recorded (\(skipped.joined(separator: ", ")))"
            return "cannot place VMs: \(list); set cpus: and ram: on the host in the lab file and import it"
        }
    }

    static func hint(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean '\($0)'?)" } ?? ""
    }
}
