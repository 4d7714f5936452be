import LabIP
import LabModel
import LabQuery

/// Allocates and releases addresses for `allocate` and `release` statements, with the
/// same validation and messages as `labdb ip allocate` / `labdb ip release`.
/// The IPAM domain provides the rules (LabModel's `IPAllocator`, adapted by
/// ``IPAMAddressAllocator``, the executor's default), so that LabREPL holds none of its own.
public protocol AddressAllocating {
    /// Allocates the next free address of a range, or exactly an address, to `holder` (with
    /// `newService`, a service created in the same transaction); returns the text to print
    /// (the address, after a line naming a created service).
    func allocate(_ target: AllocationTarget, to holder: String, dns: String?, newService: NewService?) throws -> String
    /// Releases `address`; returns the line to print.
    func release(_ address: IPAddress) throws -> String
}
