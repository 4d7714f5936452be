import ArgumentParser

/// The root command: `labdb` and its subcommands.
struct Labdb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labdb",
        abstract: "The source of truth for a homelab: hosts, VMs, clusters, storage, IP addresses and DNS in one SQLite file.",
        version: "0.1.0",
        subcommands: [
            InitCommand.self, MigrateCommand.self, ImportCommand.self, ExportCommand.self,
            HostsCommand.self, VMsCommand.self, RangesCommand.self,
            CapacityCommand.self,
            IPCommand.self,
            DNSCommand.self,
            HistoryCommand.self, BackupCommand.self, RestoreCommand.self, CheckCommand.self, ReplicateCommand.self,
            ShellCommand.self, QueryCommand.self,
            InventoryCommand.self,
            ServeCommand.self, TokenCommand.self,
        ],
        defaultSubcommand: ShellCommand.self
    )

    /// Whether `words` name a (nested) subcommand, e.g. ["ip", "next"].
    static func isCommandPath(_ words: [String]) -> Bool {
        var commands: [ParsableCommand.Type] = configuration.subcommands
        for word in words {
            guard let match = commands.first(where: { $0._commandName == word || $0.configuration.aliases.contains(word) }) else { return false }
            commands = match.configuration.subcommands
        }
        return true
    }
}
