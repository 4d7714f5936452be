import LabIP
import LabModel

/// A disk a new VM needs: `SIZE@POOL`, a pool of that name on the host the VM lands on.
public struct DiskRequest: Sendable, Hashable, CustomStringConvertible {
    public var size: ByteSize
    public var pool: String

    public init(size: ByteSize, pool: String) { self.size = size; self.pool = pool }

    /// Parses `50G@local-lvm`.
    public init(parsing text: String) throws(CapacityError) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty else {
            throw CapacityError.invalidShape("--disk '\(text)' is not SIZE@POOL; write e.g. 50G@local-lvm")
        }
        guard let size = ByteSize(String(parts[0])), size.bytes > 0 else {
            throw CapacityError.invalidShape("--disk '\(text)': '\(parts[0])' is not a size; write e.g. 50G@local-lvm")
        }
        self.init(size: size, pool: String(parts[1]))
    }

    public var description: String { "\(size)@\(pool)" }
}

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
