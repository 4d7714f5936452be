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

    /// Allocates one address; returns it, as `labdb ip allocate` prints it, after
    /// `created service NAME` when `newService` created the holder.
    public func allocate(_ target: AllocationTarget, to holder: String, dns: String?, newService: NewService?) throws -> String {
        let source: AllocationRequest.Source
        switch target {
        case .range(let name): source = .range(name)
        case .address(let address): source = .address(address)
        }
        let allocated = try allocator.allocate(AllocationRequest(source, to: holder, dns: dns, newService: newService))
        let created = allocated.first.flatMap { $0.createdHolder ? "created \($0.holder)\n" : nil } ?? ""
        return created + allocated.map(\.address.description).joined(separator: "\n")
    }

    /// Releases `address`; returns the line `labdb ip release` prints.
    public func release(_ address: IPAddress) throws -> String {
        let released = try allocator.release(address)
        return "released \(released.address) (was \(released.holder)\(released.range.map { ", range \($0)" } ?? ""))"
    }
}
