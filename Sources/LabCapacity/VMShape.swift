import LabIP
import LabModel

/// The resources one new VM asks for.
public struct VMShape: Sendable, Hashable, CustomStringConvertible {
    public var cpus: Int
    public var ram: ByteSize
    public var disks: [DiskRequest]

    public init(cpus: Int, ram: ByteSize, disks: [DiskRequest] = []) {
        self.cpus = cpus; self.ram = ram; self.disks = disks
    }

    /// Throws when the shape asks for no vCPUs or no RAM.
    public func validate() throws(CapacityError) {
        if cpus < 1 { throw CapacityError.invalidShape("--cpu must be at least 1 (got \(cpus))") }
        if ram.bytes <= 0 { throw CapacityError.invalidShape("--ram must be above 0") }
    }

    /// Bytes needed per pool (disks on the same pool added up), in the order the pools first appear.
    public var poolNeeds: [(pool: String, bytes: Int64)] {
        var needs: [(pool: String, bytes: Int64)] = []
        for disk in disks {
            if let index = needs.firstIndex(where: { $0.pool.caseInsensitiveEquals(disk.pool) }) {
                needs[index].bytes += disk.size.bytes
            } else {
                needs.append((disk.pool, disk.size.bytes))
            }
        }
        return needs
    }

    /// `4 vCPU, 12 GiB RAM, 50 GiB@local-lvm, 300 GiB@longhorn-pool`.
    public var description: String {
        (["\(cpus) vCPU", "\(ram) RAM"] + disks.map(\.description)).joined(separator: ", ")
    }
}
