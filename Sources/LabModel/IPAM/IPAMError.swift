import LabIP

/// Why an IP address management operation was refused. Each prints one sentence that
/// names the object, the problem and what to do; nothing was changed.
public enum IPAMError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Every usable address of the range is allocated.
    case rangeExhausted(name: String, size: String)
    /// Some addresses of the range are free, but fewer than were asked for.
    case tooFewFree(name: String, free: Int, asked: Int, size: String)
    /// The address is already allocated.
    case addressTaken(address: IPAddress, holder: String)
    /// No prefix contains the address.
    case outsideEveryPrefix(address: IPAddress)
    /// The address is the network, broadcast or subnet-router anycast address of its prefix.
    case notUsable(address: IPAddress, prefix: IPNetwork, role: String)
    /// Releasing or showing an address that nobody holds.
    case notAllocated(address: IPAddress)
    /// No range has this name.
    case unknownRange(name: String, suggestion: String?)
    /// No machine or service has this name.
    case unknownHolder(name: String, suggestion: String?)
    /// Both a machine and a service have this name.
    case ambiguousHolder(name: String)
    /// The text is neither a range name nor an address.
    case notAnAddress(text: String)
    /// A CIDR text that does not parse.
    case malformedNetwork(reason: String)
    /// The DNS name is not a valid host name.
    case invalidDNSName(name: String)
    /// One `--dns` name was given for several addresses.
    case dnsNameForSeveralAddresses(name: String)
    /// More addresses were asked for than one command hands out.
    case invalidCount(Int)
    /// Several addresses were asked for at one exact address.
    case countForExactAddress(address: IPAddress)
    /// A new service was asked for with a name that a machine or service already has.
    case holderExists(name: String, kind: String)
    /// A new service was asked for with a name one typo away from an existing holder's.
    case newServiceLikeExisting(name: String, existing: String)
    /// A new service was asked for as `machine:NAME`.
    case newServiceNamedMachine(name: String)
    /// A new service's name breaks the naming rules.
    case invalidServiceName(name: String)
    /// A new service names a cluster that does not exist.
    case unknownCluster(name: String, suggestion: String?)

    public var description: String {
        switch self {
        case .rangeExhausted(let name, let size):
            return "range '\(name)' is full: all \(size) usable addresses are allocated; release one (`labdb ip release ADDR`) or allocate from another range (`labdb ranges`)"
        case .tooFewFree(let name, let free, let asked, let size):
            return "range '\(name)' has \(free) free address\(free == 1 ? "" : "es") of \(size) usable, fewer than the \(asked) asked for; ask for at most \(free) or allocate the rest from another range (`labdb ranges`)"
        case .addressTaken(let address, let holder):
            return "address \(address) is already allocated to \(holder); choose another (`labdb ip next RANGE`) or release it first"
        case .outsideEveryPrefix(let address):
            return "address \(address) is outside every prefix; add its prefix to the lab file or check the address (`labdb ranges`)"
        case .notUsable(let address, let prefix, let role):
            return "address \(address) is \(role) of prefix \(prefix) and cannot be allocated; choose another (`labdb ip next RANGE`)"
        case .notAllocated(let address):
            return "address \(address) is not allocated, so there is nothing to release; see `labdb ip list`"
        case .unknownRange(let name, let suggestion):
            return "no range named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; see `labdb ranges`")
        case .unknownHolder(let name, let suggestion):
            return "no machine or service named '\(name)'"
                + (suggestion.map { "; did you mean '\($0)'?" }
                   ?? "; add it to the lab file first (`labdb hosts`, `labdb vms`), or pass --new-service to create it as a service")
        case .ambiguousHolder(let name):
            return "both a machine and a service are named '\(name)'; write machine:\(name) or service:\(name)"
        case .notAnAddress(let text):
            return "'\(text)' is neither a range name nor an IP address; see `labdb ranges`"
        case .malformedNetwork(let reason):
            return reason
        case .invalidDNSName(let name):
            return "'\(name)' is not a valid DNS name (letters, digits, '-', '_' and '.', at most 253 characters)"
        case .dnsNameForSeveralAddresses(let name):
            return "--dns \(name) names one address; allocate one at a time to give each its own name"
        case .invalidCount(let count):
            return "--count must be between 1 and \(IPAllocator.maximumCount), not \(count)"
        case .countForExactAddress(let address):
            return "--count applies to a range, not to the exact address \(address)"
        case .holderExists(let name, let kind):
            return kind == "service"
                ? "service '\(name)' already exists; allocate to it without asking for a new service"
                : "machine '\(name)' already exists, so a new service cannot take its name; allocate to the machine without asking for a new service"
        case .newServiceLikeExisting(let name, let existing):
            return "no machine or service named '\(name)'; did you mean '\(existing)'? "
                + "(to create a new service with exactly this name, write it as service:\(name))"
        case .newServiceNamedMachine(let name):
            return "a new service cannot be named machine:\(name); write \(name) or service:\(name)"
        case .invalidServiceName(let name):
            return "'\(name)' is not a valid service name (1-63 letters, digits, '.', '_' and '-')"
        case .unknownCluster(let name, let suggestion):
            return "no cluster named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; see `labdb query clusters`")
        }
    }
}
