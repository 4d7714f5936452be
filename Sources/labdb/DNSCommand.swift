import ArgumentParser
import Foundation
import LabDNS
import LabModel

/// `labdb dns`: publish the lab's records to Pi-hole and Cloudflare.
struct DNSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dns",
        abstract: "Plan and apply the lab's DNS records to its targets (Pi-hole API, Pi-hole files, Cloudflare).",
        subcommands: [DNSPlanCommand.self, DNSApplyCommand.self, DNSTargetsCommand.self])
}

struct DNSPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what `dns apply` would change on each target; changes nothing.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this target.")
    var target: String?

    @Flag(help: "Exit with status 3 when changes are pending (for CI and cron).")
    var exitCode = false

    func run() throws {
        let sync = DNSSync(database: try global.openReadOnly())
        var failed = false
        var results: [DNSPlanOutput.Result] = []
        for target in try sync.targets(named: target) {
            do {
                let provider = try sync.provider(for: target)
                defer { provider.close() }
                results.append(.init(target: target, plan: try sync.plan(target, provider: provider), error: nil))
            } catch {
                failed = true
                results.append(.init(target: target, plan: nil, error: "\(error)"))
                if global.format.value != .json { LabdbEntry.printError("labdb: \(error)") }
            }
        }
        print(DNSPlanOutput.render(results, format: global.format.value), terminator: "")
        // What was pending, for /metrics; a user who may only read the file still gets the plan.
        if let writable = try? global.open(create: false) {
            let status = DNSSyncStatus(database: writable)
            for result in results { if let plan = result.plan { try? status.recordPlan(target: result.target.name, pending: plan.changes.count) } }
        }
        if failed { throw CommandFailure("") }
        if exitCode && results.contains(where: { $0.plan?.isEmpty == false }) { throw CommandFailure("", code: 3) }
    }
}

struct DNSApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply the plan to each target; refuses to update or delete more than 30% of 10 or more owned records without --force.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this target.")
    var target: String?

    @Flag(help: "Apply even when the plan updates or deletes more than 30% of the records labdb owns on a target.")
    var force = false

    func run() throws {
        let database = try global.open()
        let sync = DNSSync(database: database)
        let status = DNSSyncStatus(database: database)
        var failures: [String] = []
        for target in try sync.targets(named: target) {
            do {
                let provider = try sync.provider(for: target)
                defer { provider.close() }
                let plan = try sync.plan(target, provider: provider)
                print(DNSPlanOutput.text(plan), terminator: "")
                try? status.recordPlan(target: target.name, pending: plan.changes.count)
                if plan.isEmpty {
                    try? status.recordApply(target: target.name, succeeded: true, result: "nothing to change")
                    continue
                }
                try plan.checkSafety(force: force)
                let report = provider.apply(plan)
                print(DNSPlanOutput.text(report, plan: plan), terminator: "")
                try? status.recordApply(target: target.name, succeeded: report.succeeded,
                                        result: report.succeeded ? "applied \(plan.changes.count) changes" : "failed")
                if !report.succeeded { failures.append(target.name) }
            } catch {
                LabdbEntry.printError("labdb: \(error)")
                try? status.recordApply(target: target.name, succeeded: false, result: "failed")
                failures.append(target.name)
            }
        }
        if !failures.isEmpty {
            throw CommandFailure("dns apply did not finish on \(failures.joined(separator: ", ")); what was applied stays applied: "
                                 + "fix the cause and run `labdb dns apply` again")
        }
    }
}

struct DNSTargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "List the DNS targets of the lab (no secrets: only whether each one's secret is set).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let lab = try Lab(database: try global.openReadOnly())
        let environment = ProcessInfo.processInfo.environment
        let rows = lab.dnsTargets.map { target -> [Cell] in
            let location = target.kind == .piholeFiles
                ? [target.hostsFile, target.cnameFile].compactMap { $0 }.joined(separator: ", ")
                : target.url ?? CloudflareProvider.defaultBase
            let variable: String? = switch target.kind {
            case .piholeAPI: SecretReader.piholePassword
            case .cloudflare: SecretReader.cloudflareToken
            case .piholeFiles: nil
            }
            let secret: Cell = variable.map { name in
                let set = environment[name].map { !$0.isEmpty } == true || environment[name + "_FILE"].map { !$0.isEmpty } == true
                return .text("\(name) \(set ? "set" : "not set")")
            } ?? .null
            return [.text(target.name), .text(target.kind.rawValue), .text(target.zone), .text(target.view.rawValue), .text(location),
                    target.reloadCommand.map(Cell.text) ?? .null, secret]
        }
        let table = ResultTable(columns: ["name", "kind", "zone", "view", "location", "reload_command", "secret"], rows: rows)
        print(global.render(table), terminator: "")
    }
}
