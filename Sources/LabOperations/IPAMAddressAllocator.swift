import LabIP
import LabModel
import LabQuery
import LabStore

/// `allocate` and `release` carried out by LabModel's ``IPAllocator``: the rules and the
/// messages of `labdb ip allocate` and `labdb ip release`, one transaction per statement.
public struct IPAMAddressAllocator: AddressAllocating {
    private let allocator: IPAllocator

    /// An allocator writing to `database`.
    public init(database: Database) {
        self.allocator = IPAllocator(database: database)
    }

    /// Allocates one address; returns it, as `labdb ip allocate` prints it.
    public func allocate(_ target: AllocationTarget, to holder: String, dns: String?) throws -> String {
        switch target {
        case .range(let name):
            let allocated = try allocator.allocate(fromRange: name, to: holder, dns: dns)
            return allocated.map(\.address.description).joined(separator: "\n")
        case .address(let address):
            return try allocator.allocate(address, to: holder, dns: dns).address.description
        }
    }

    /// Releases `address`; returns the line `labdb ip release` prints.
    public func release(_ address: IPAddress) throws -> String {
        let released = try allocator.release(address)
        return "released \(released.address) (was \(released.holder)\(released.range.map { ", range \($0)" } ?? ""))"
    }
}
