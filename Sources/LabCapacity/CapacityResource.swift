/// A resource a VM shape consumes on a host (or, for addresses, in a range).
public enum CapacityResource: Sendable, Hashable, CustomStringConvertible {
    case vcpu
    case ram
    /// Space in the pool of this name on the host.
    case disk(pool: String)
    /// Free addresses of a named range (shared by all hosts).
    case addresses(range: String)

    /// `vcpu`, `ram`, `disk@local-lvm`, `addresses@prod`.
    public var description: String {
        switch self {
        case .vcpu: return "vcpu"
        case .ram: return "ram"
        case .disk(let pool): return "disk@\(pool)"
        case .addresses(let range): return "addresses@\(range)"
        }
    }

    /// Whether amounts of the resource are bytes (else counts).
    public var isBytes: Bool {
        switch self {
        case .ram, .disk: return true
        case .vcpu, .addresses: return false
        }
    }
}
