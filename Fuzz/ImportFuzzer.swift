// libFuzzer target for the lab-file importer: every input must parse into a Lab or be
// refused with a LabFileError. Any other error, a crash, a hang or a sanitizer report is a bug.
// Built and run by scripts/fuzz-import (swiftc -sanitize=fuzzer,address).
import LabModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLabFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try LabFileParser(file: "fuzz").parse(text)
    } catch let error as LabFileError {
        precondition(!error.problems.isEmpty, "a LabFileError without problems")
    } catch {
        fatalError("not a LabFileError: \(type(of: error)): \(error)")
    }
    return 0
}
