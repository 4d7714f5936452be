import ArgumentParser
import Foundation
import LabModel
import LabStore

/// Runs the command line: global flags may stand before or after the subcommand;
/// failures print one line on stderr and exit 1, usage errors exit 2.
enum LabdbEntry {
    static func main(arguments: [String]) -> Never {
        do {
            if let query = QueryFastPath(arguments) {
                try query.run()
                exit(0)
            }
            var command = try Labdb.parseAsRoot(GlobalOptions.hoisted(arguments))
            try command.run()
            exit(0)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as CommandFailure {
            if !failure.message.isEmpty { printError(failure.message) }
            exit(failure.code)
        } catch let error as LabFileError {
            printError(error.description)
            exit(1)
        } catch let error as StoreError {
            printError("labdb: \(error.description)")
            exit(1)
        } catch let error as CorruptRowError {
            printError("labdb: \(error.description)")
            exit(1)
        } catch {
            let code = Labdb.exitCode(for: error)
            if code == .success {
                // --help and --version
                print(Labdb.fullMessage(for: error))
                exit(0)
            }
            if code == .validationFailure || error is ValidationError {
                printError(Labdb.fullMessage(for: error))
                exit(2)
            }
            printError("labdb: \(error)")
            exit(1)
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }
}

/// A command's own failure: a message for stderr and an exit code.
struct CommandFailure: Error {
    let message: String
    let code: Int32

    init(_ message: String, code: Int32 = 1) {
        self.message = message.hasPrefix("labdb:") || message.isEmpty ? message : "labdb: " + message
        self.code = code
    }
}
