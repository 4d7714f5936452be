import ArgumentParser
import LabIP
import LabModel
import LabStore

/// `labdb ip ...`: next free address, allocate, release, list, show.
struct IPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ip",
        abstract: "Allocate, release and look up IP addresses.",
        subcommands: [IPNextCommand.self, IPAllocateCommand.self, IPReleaseCommand.self, IPListCommand.self, IPShowCommand.self])
}

/// Runs `body`, turning an IPAM refusal into exit 1 with its one-sentence message.
func runIPAM<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as IPAMError {
        throw CommandFailure(error.description)
    }
}

/// Parses an address argument or fails with a clear message.
func parseAddress(_ text: String) throws -> IPAddress {
    guard let address = IPAddress(text) else {
        throw CommandFailure("'\(text)' is not an IP address (e.g. 192.168.1.20 or 2001:db8::1)")
    }
    return address
}

struct IPNextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Print the next free address(es) of a range; allocates nothing.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The range's name (see `labdb ranges`).")
    var range: String

    @Option(help: "How many free addresses to print.")
    var count = 1

    func run() throws {
        let db = try global.open()
        let free = try runIPAM { try IPAllocator(database: db).next(inRange: range, count: count) }
        if global.format.value == .table {
            for address in free { print(address) }
        } else {
            print(global.render(ResultTable(columns: ["address"], rows: free.map { [.text($0.description)] })), terminator: "")
        }
    }
}

struct IPAllocateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocate",
        abstract: "Allocate the next free address of a range, or exactly an address, to a machine or service; prints the address.",
        discussion: """
            With --count N, N addresses are allocated in one transaction: all of them or, when the range \
            has fewer free, none. With --separately as well, each address is its own transaction (other \
            processes' allocations may come in between); on an error the addresses already printed stay \
            allocated. Concurrent allocations from other processes wait for each other and never receive \
            the same address.

            With --new-service, the holder named by --to is created as a service (in --cluster, described \
            by --description) in the same transaction, recorded in the history and exported with the lab \
            like any service. The name must be new; a name one typo away from an existing machine or \
            service is refused with "did you mean" (write --to service:NAME to create it anyway).
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A range's name (the next free address) or an address (exactly that one).")
    var target: String

    @Option(help: "The machine or service that gets the address (machine:NAME or service:NAME when both exist); with --new-service, the name of the service to create.")
    var to: String

    @Option(help: "A DNS name for the address (the implied A/AAAA record that `dns plan` syncs).")
    var dns: String?

    @Option(help: "How many addresses to allocate from the range (all or none).")
    var count = 1

    @Flag(help: "With --count: allocate the addresses one transaction each instead of all or none.")
    var separately = false

    @Option(help: "A note kept with the allocation; with --new-service, the new service's description.")
    var description: String?

    @Flag(help: "Create the service named by --to (it must not exist yet) and allocate to it, in one transaction.")
    var newService = false

    @Option(help: "With --new-service: the cluster the new service belongs to.")
    var cluster: String?

    func validate() throws {
        if cluster != nil && !newService { throw ValidationError("--cluster describes a new service; add --new-service") }
    }

    func run() throws {
        let db = try global.open()
        let allocator = IPAllocator(database: db)
        let created = newService ? NewService(cluster: cluster, description: description) : nil
        // With --new-service the description is the service's, not each address's.
        let note = newService ? nil : description
        let allocated: [IPAllocator.Allocated] = try runIPAM {
            if let address = IPAddress(target) {
                return try allocator.allocate(AllocationRequest(.address(address), to: to, dns: dns, count: count, description: note,
                                                                newService: created))
            }
            guard separately else {
                return try allocator.allocate(AllocationRequest(.range(target), to: to, dns: dns, count: count, description: note,
                                                                newService: created))
            }
            guard (1...IPAllocator.maximumCount).contains(count) else { throw IPAMError.invalidCount(count) }
            if let dns, count > 1 { throw IPAMError.dnsNameForSeveralAddresses(name: dns) }
            // Each address is printed once committed (tables as they come, other formats at the
            // end, also on a failure), so the output is an exact record of what was allocated.
            var done: [IPAllocator.Allocated] = []
            do {
                for index in 0..<count {
                    // The first transaction creates the new service; the others allocate to it.
                    let items = try allocator.allocate(AllocationRequest(.range(target), to: to, dns: dns, description: note,
                                                                         newService: index == 0 ? created : nil))
                    if global.format.value == .table { IPAllocateCommand.printTable(items) }
                    done += items
                }
            } catch {
                if global.format.value != .table { print(global.render(IPAllocateCommand.table(done)), terminator: "") }
                throw error
            }
            return global.format.value == .table ? [] : done
        }
        if global.format.value == .table {
            IPAllocateCommand.printTable(allocated)
        } else {
            print(global.render(IPAllocateCommand.table(allocated)), terminator: "")
        }
    }

    /// The addresses, one a line on stdout; a created service is noted on stderr, so that
    /// stdout stays the addresses alone for scripts.
    static func printTable(_ items: [IPAllocator.Allocated]) {
        for item in items {
            if item.createdHolder, item.address == items.first?.address { LabdbEntry.printError("labdb: created \(item.holder)") }
            print(item.address)
        }
    }

    static func table(_ items: [IPAllocator.Allocated]) -> ResultTable { IPAllocator.Allocated.table(items) }
}

struct IPReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "release", abstract: "Release an allocated address.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The address to release.")
    var address: String

    func run() throws {
        let address = try parseAddress(address)
        let db = try global.open()
        let released = try runIPAM { try IPAllocator(database: db).release(address) }
        if global.format.value == .table {
            print("released \(released.address) (was \(released.holder)\(released.range.map { ", range \($0)" } ?? ""))")
        } else {
            print(global.render(IPAllocateCommand.table([released])), terminator: "")
        }
    }
}

struct IPListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List allocated addresses, of one range or CIDR when given.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A range's name or a CIDR network (e.g. 192.168.1.0/24).")
    var filter: String?

    func run() throws {
        let views = IPAMViews(database: try global.openReadOnly())
        let table = try runIPAM { try views.addresses(in: try filter.map(views.listBounds)) }
        print(global.render(table), terminator: "")
    }
}

struct IPShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one address: who holds it, its range and prefix, and its DNS names.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The address.")
    var address: String

    func run() throws {
        let address = try parseAddress(address)
        let table = try runIPAM { try IPAMViews(database: try global.openReadOnly()).show(address) }
        print(global.render(table), terminator: "")
    }
}
