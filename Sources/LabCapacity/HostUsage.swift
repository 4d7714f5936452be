import LabIP
import LabModel

/// A physical host's cores and RAM against what its enabled guests commit.
public struct HostUsage: Sendable, Hashable {
    public var name: String
    public var kind: MachineKind
    public var enabled: Bool
    /// Physical cores; nil when not recorded.
    public var cores: Int?
    /// Physical RAM; nil when not recorded.
    public var ram: ByteSize?
    /// The RAM the host keeps for itself: its `ram_reserve`, else the limits' default.
    public var reserve: ByteSize
    /// Whether the reserve comes from the host's own record.
    public var reserveRecorded: Bool
    /// Enabled guests (counted as committed).
    public var guests: Int
    /// Disabled guests (not counted for vCPUs and RAM; their disks still count in pools).
    public var disabledGuests: Int
    /// vCPUs of the enabled guests.
    public var vcpusCommitted: Int
    /// RAM of the enabled guests, in bytes.
    public var ramCommitted: Int64
    /// Whether the host runs (or can run) VMs: it has storage pools or guests, or it is a
    /// server that is not itself a cluster node (an empty hypervisor). Bare-metal cluster
    /// nodes (the edge Pis), routers and switches are not.
    public var isVMHost: Bool

    public init(name: String, kind: MachineKind, enabled: Bool, cores: Int?, ram: ByteSize?, reserve: ByteSize, reserveRecorded: Bool,
                guests: Int, disabledGuests: Int, vcpusCommitted: Int, ramCommitted: Int64, isVMHost: Bool) {
        self.name = name; self.kind = kind; self.enabled = enabled; self.cores = cores; self.ram = ram
        self.reserve = reserve; self.reserveRecorded = reserveRecorded; self.guests = guests; self.disabledGuests = disabledGuests
        self.vcpusCommitted = vcpusCommitted; self.ramCommitted = ramCommitted; self.isVMHost = isVMHost
    }

    /// Whether cores and RAM are recorded.
    public var hasResources: Bool { cores != nil && ram != nil }

    /// vCPUs committed per core; nil without cores.
    public var vcpuRatio: Double? { cores.map { Double(vcpusCommitted) / Double($0) } }

    /// RAM left for guests once the reserve is taken off (never negative); nil without RAM.
    public var ramAvailable: Int64? { ram.map { max(0, $0.bytes - reserve.bytes) } }

    /// RAM available minus RAM committed (negative when overcommitted).
    public var ramFree: Int64? { ramAvailable.map { $0 - ramCommitted } }

    /// RAM committed as a fraction of RAM available.
    public var ramFraction: Double? {
        ramAvailable.map { $0 == 0 ? (ramCommitted == 0 ? 0 : .infinity) : Double(ramCommitted) / Double($0) }
    }
}
