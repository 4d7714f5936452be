import ArgumentParser
import LabModel

struct HostsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hosts", abstract: "List the physical machines.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        print(global.render(try LabViews(database: try global.openReadOnly()).hosts()), terminator: "")
    }
}

struct VMsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "vms", abstract: "List the VMs and containers.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        print(global.render(try LabViews(database: try global.openReadOnly()).vms()), terminator: "")
    }
}

struct RangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ranges", abstract: "Every prefix and range: usable size, used, free, percent used and the first free address.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        print(global.render(try LabViews(database: try global.openReadOnly()).ranges()), terminator: "")
    }
}
