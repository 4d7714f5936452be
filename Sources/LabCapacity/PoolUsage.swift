import LabIP
import LabModel

/// A storage pool's size against the guest disks allocated in it.
public struct PoolUsage: Sendable, Hashable {
    public var host: String
    public var name: String
    public var type: PoolType
    public var thin: Bool
    public var size: ByteSize
    /// Sum of the guest disks in the pool (disabled guests included: their disks exist).
    public var allocated: Int64
    /// Number of guest disks in the pool.
    public var disks: Int

    public init(host: String, name: String, type: PoolType, thin: Bool, size: ByteSize, allocated: Int64, disks: Int) {
        self.host = host; self.name = name; self.type = type; self.thin = thin; self.size = size
        self.allocated = allocated; self.disks = disks
    }

    /// Allocated as a fraction of the size (above 1 for an overcommitted thin pool).
    public var fraction: Double { Double(allocated) / Double(size.bytes) }

    /// Size minus allocated (negative when overcommitted).
    public var free: Int64 { size.bytes - allocated }
}
