import LabIP
import LabQuery

/// Allocates and releases addresses for `allocate` and `release` statements, with the
/// same validation and messages as `labdb ip allocate` / `labdb ip release`.
/// The IPAM domain provides the implementation (LabModel's `IPAllocator`); the shell
/// receives it from the executable, so that LabREPL holds no allocation rules of its own.
public protocol AddressAllocating {
    /// Allocates the next free address of a range, or exactly an address, to `holder`;
    /// returns the line to print (e.g. the address).
    func allocate(_ target: AllocationTarget, to holder: String, dns: String?) throws -> String
    /// Releases `address`; returns the line to print.
    func release(_ address: IPAddress) throws -> String
}
