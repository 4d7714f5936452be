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

    @Flag(name: .long, help: "Apply even when the plan undoes changes made after the file's revision, or deletes allocations made outside lab files.")
    var force = false

    func run() throws {
        LargeBlockPolicy.returnLargeBlocksToTheSystem()
        let labFile: LabFile
        let name = file == "-" ? "<stdin>" : file
        if file == "-" {
            var text = ""
            while let line = readLine(strippingNewline: false) { text += line }
            labFile = try LabFileParser(file: name).parseFile(text)
        } else {
            labFile = try LabFileParser.loadFile(path: file)
        }
        let db = try global.open()
        let importer = LabImporter(database: db)
        if dryRun {
            let (plan, review) = try importer.rehearse(labFile)
            printPlan(plan, review: review)
            if review.needsForce && !force { throw CommandFailure(StaleImportError(file: name, review: review).description) }
            return
        }
        let plan = try importer.apply(labFile, named: name, force: force)
        printPlan(plan, review: nil)
    }

    private func printPlan(_ plan: ImportPlan, review: ImportReview?) {
        plan.forEachChange(createFields: false) { change in
            print(change.description + (review?.note(for: change).map { "   <- \($0)" } ?? ""))
        }
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

    @Flag(name: .long, help: "Write MetalLB IPAddressPool and L2Advertisement manifests of the load-balancer ranges instead of the lab (--format json: a Kubernetes List).")
    var metallb = false

    @Option(name: .long, help: "With --metallb: only the ranges that serve this cluster.")
    var cluster: String?

    func run() throws {
        LargeBlockPolicy.returnLargeBlocksToTheSystem()
        let db = try global.openReadOnly()
        let lab = try Lab(database: db)
        if cluster != nil && !metallb { throw ValidationError("--cluster goes with --metallb") }
        if metallb {
            let manifests: MetalLBManifests
            do {
                manifests = try MetalLBManifests(lab: lab, cluster: cluster)
            } catch {
                throw CommandFailure(error.description)
            }
            let text = global.format.value == .json ? manifests.json : manifests.yaml
            if let output { try AtomicFile.write(text, to: output) } else { print(text, terminator: "") }
            return
        }
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
        let text = LabYAMLWriter().write(lab, revision: try ChangeHistory(database: db).revision())
        if let output {
            try AtomicFile.write(text, to: output, database: global.databasePath)
        } else {
            print(text, terminator: "")
        }
    }
}
