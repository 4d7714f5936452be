import ArgumentParser
import LabExport
import LabModel

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Make the database match a lab file: print the plan and apply it in one transaction.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The lab file (YAML); - reads standard input.")
    var file: String

    @Flag(name: .long, help: "Print the plan without applying it.")
    var dryRun = false

    func run() throws {
        let lab: Lab
        if file == "-" {
            var text = ""
            while let line = readLine(strippingNewline: false) { text += line }
            lab = try LabFileParser(file: "<stdin>").parse(text)
        } else {
            lab = try LabFileParser.load(path: file)
        }
        let db = try global.open()
        let importer = LabImporter(database: db)
        let plan = dryRun ? try importer.rehearse(lab) : try importer.apply(lab)
        for change in plan.changes { print(change) }
        print(plan.summary + (dryRun && !plan.isEmpty ? " (dry run: nothing applied)" : ""))
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole lab as a lab file (YAML); importing it changes nothing.")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Write Prometheus file_sd targets (node exporters on :9100) to this file; YAML is then written only with --output.")
    var prometheusSd: String?

    func run() throws {
        let db = try global.openReadOnly()
        let lab = try Lab(database: db)
        if let prometheusSd {
            let targets = PrometheusTargets(lab: lab)
            do {
                try AtomicFile.write(targets.json, to: prometheusSd, database: global.databasePath)
            } catch let error as FileTargetError {
                throw CommandFailure(error.description)
            } catch {
                throw CommandFailure("cannot write Prometheus targets to \(prometheusSd) (\(error.localizedDescription)); check that its folder exists and is writable")
            }
            print("wrote \(targets.entries.count) Prometheus targets to \(prometheusSd)")
            if output == nil { return }
        }
        let text = LabYAMLWriter().write(lab)
        if let output {
            try AtomicFile.write(text, to: output, database: global.databasePath)
        } else {
            print(text, terminator: "")
        }
    }
}
