// libFuzzer target for the lab-file importer: every input must parse into a Lab or be
// refused with a LabFileError. Any other error, a crash, a hang or a sanitizer report is a bug.
// Built and run by scripts/fuzz-import (coverage from -sanitize=fuzzer,address; libFuzzer's
// driver is linked without its own main, because SwiftPM supplies the executable's entry point).
import Glibc
import LabModel

/// The property checked on one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLabFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { UnsafeBufferPointer(start: $0, count: size) } ?? UnsafeBufferPointer(start: nil, count: 0)
    let text = String(decoding: bytes, as: UTF8.self)
    do {
        _ = try LabFileParser(file: "fuzz").parse(text)
    } catch let error as LabFileError {
        precondition(!error.problems.isEmpty, "a LabFileError without problems")
    } catch {
        fatalError("not a LabFileError: \(type(of: error)): \(error)")
    }
    return 0
}

/// libFuzzer's driver (libclang_rt.fuzzer_no_main): parses the libFuzzer flags and runs the loop.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@main
struct ImportFuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = runFuzzerDriver(&argc, &argv) { data, size in fuzzLabFile(data, size) }
        exit(status)
    }
}
