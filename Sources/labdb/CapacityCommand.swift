import ArgumentParser
import Foundation
import LabCapacity
import LabIP
import LabModel

/// `labdb capacity`: the group; `labdb capacity [HOST]` runs `show`, its default.
struct CapacityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "Committed against physical (`capacity [HOST]`) and placement of new VMs (`capacity fit`).",
        subcommands: [CapacityShowCommand.self, CapacityFitCommand.self],
        defaultSubcommand: CapacityShowCommand.self)
}

/// `labdb capacity [HOST]`: committed against physical, per host, pool, cluster and range.
struct CapacityShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Committed against physical: vCPUs per core, RAM after the reserve, pools, clusters, ranges.",
        discussion: """
            Disabled guests (enabled: false) commit no vCPUs or RAM, but their disks still count in their pools. \
            Disabled hosts are shown and never chosen by `capacity fit`. \
            Limits come from the flags, else the environment (\(CapacityLimits.environmentNames.map(\.variable).joined(separator: ", "))), else the defaults.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var limitOptions: CapacityLimitOptions

    @Argument(help: "Show only this physical host and its pools.")
    var host: String?

    func run() throws {
        let limits = try limitOptions.limits()
        let report = try wrap { try CapacityViews(database: try global.openReadOnly()).report(host: host, limits: limits) }
        print(report.document().render(global.format.value), terminator: "")
    }
}

/// `labdb capacity fit`: whether N VMs of a shape fit, where, and what runs out first.
struct CapacityFitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Whether N more VMs of a shape fit, on which hosts, what runs out first, and how many more would fit.",
        discussion: """
            Each VM goes to the host that could still take the most VMs of the shape (ties: more free RAM, then name), \
            which spreads them across hosts. Per host: vCPUs up to cores x --vcpu-target and no VM larger than the \
            host's cores; RAM up to (ram - reserve) x --ram-ratio; a thick pool up to its size; a thin pool up to \
            --thin-warn of its size. Exit status: 0 when everything fits, 1 when it does not (the answer is still \
            printed on standard output) or when the question is invalid (a message on standard error).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var limitOptions: CapacityLimitOptions

    @Option(help: "vCPUs per VM.")
    var cpu: Int

    @Option(help: "RAM per VM, e.g. 12G or 512M.")
    var ram: String

    @Option(help: ArgumentHelp("A disk per VM in a pool of the chosen host, SIZE@POOL (repeatable), e.g. 50G@local-lvm.", valueName: "SIZE@POOL"))
    var disk: [String] = []

    @Option(help: "How many VMs of this shape.")
    var count = 1

    @Option(help: "A range that must have a free address for each VM.")
    var range: String?

    @Option(name: .customLong("host"), help: "Consider only this host (repeatable); default: every enabled VM host (pools or guests, or a server that is not a cluster node).")
    var hosts: [String] = []

    func run() throws {
        let limits = try limitOptions.limits()
        guard let ramSize = ByteSize(ram) else { throw CommandFailure("--ram '\(ram)' is not a size; write e.g. 12G or 512M") }
        let disks = try wrap { try disk.map { text throws(CapacityError) in try DiskRequest(parsing: text) } }
        let request = FitRequest(shape: VMShape(cpus: cpu, ram: ramSize, disks: disks), count: count, range: range, hosts: hosts)
        let result = try wrap { try CapacityViews(database: try global.openReadOnly()).fit(request, limits: limits) }
        print(result.document().render(global.format.value), terminator: "")
        if !result.fits { throw CommandFailure(result.verdict) }
    }
}

/// The limit flags shared by `capacity` and `capacity fit`.
struct CapacityLimitOptions: ParsableArguments {
    @Option(help: "vCPUs per core that fit fills a host up to (default 4, env LABDB_VCPU_TARGET).")
    var vcpuTarget: String?
    @Option(help: "vCPUs per core above which a host warns (default 5, env LABDB_VCPU_WARN).")
    var vcpuWarn: String?
    @Option(help: "vCPUs per core above which a host is critical; the target may not exceed it (default 10, env LABDB_VCPU_MAX).")
    var vcpuMax: String?
    @Option(help: "RAM committed per byte available after the reserve (default 1, env LABDB_RAM_RATIO).")
    var ramRatio: String?
    @Option(help: "Reserve of a host that records no ram_reserve (default 1G, env LABDB_RAM_RESERVE).")
    var ramReserve: String?
    @Option(help: "Thin pool warning level, percent allocated of size; fit fills thin pools up to it (default 80, env LABDB_THIN_WARN).")
    var thinWarn: String?
    @Option(help: "Thin pool critical level, percent (default 90, env LABDB_THIN_CRITICAL).")
    var thinCritical: String?
    @Option(help: "Range warning level, percent of addresses used (default 90, env LABDB_RANGE_WARN).")
    var rangeWarn: String?

    /// The defaults, overridden by the environment, overridden by the flags.
    func limits() throws -> CapacityLimits {
        try wrap {
            var limits = try CapacityLimits(environment: ProcessInfo.processInfo.environment)
            let flags: [(String, String?)] = [("--vcpu-target", vcpuTarget), ("--vcpu-warn", vcpuWarn), ("--vcpu-max", vcpuMax),
                                              ("--ram-ratio", ramRatio), ("--ram-reserve", ramReserve), ("--thin-warn", thinWarn),
                                              ("--thin-critical", thinCritical), ("--range-warn", rangeWarn)]
            for case let (flag, text?) in flags { try limits.set(flag: flag, to: text) }
            try limits.validate()
            return limits
        }
    }
}

/// Runs `body`, turning a capacity error into a one-line command failure.
private func wrap<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CapacityError {
        throw CommandFailure(error.description)
    }
}
