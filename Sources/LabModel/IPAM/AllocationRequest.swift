import LabIP

/// One allocation as every front end asks for it (`labdb ip allocate`, the shell's `allocate`,
/// the HTTP API): carried out by ``IPAllocator/allocate(_:)`` in one transaction.
public struct AllocationRequest: Sendable, Hashable {
    /// Where the address comes from.
    public enum Source: Sendable, Hashable {
        /// The next free address(es) of the range with this name.
        case range(String)
        /// Exactly this address.
        case address(IPAddress)
    }

    /// Where the address comes from.
    public var source: Source
    /// The machine or service that gets it: `NAME`, or `machine:NAME` / `service:NAME`.
    public var holder: String
    /// The DNS name of the address (one address only).
    public var dns: String?
    /// How many addresses (from a range only), all or none.
    public var count: Int
    /// A note kept with each address.
    public var description: String?
    /// When set, `holder` names a service that does not exist yet and is created with these
    /// details; when nil, the holder must exist.
    public var newService: NewService?

    /// A request for `count` addresses from `source` to `holder`.
    public init(_ source: Source, to holder: String, dns: String? = nil, count: Int = 1, description: String? = nil,
                newService: NewService? = nil) {
        self.source = source
        self.holder = holder
        self.dns = dns
        self.count = count
        self.description = description
        self.newService = newService
    }
}
