import Foundation

extension Shell.Sink {
    /// Results on standard output, errors on standard error, unbuffered.
    public static var standard: Shell.Sink {
        Shell.Sink(output: { write($0, to: FileHandle.standardOutput) },
                   errors: { write($0, to: FileHandle.standardError) })
    }

    /// `text`'s bytes through `Data(bytes:count:)`: the generic `Data(text.utf8)` cost a scan
    /// of every protocol conformance in the binary on each command's start (about 0.3 ms).
    private static func write(_ text: String, to handle: FileHandle) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            handle.write(Data(bytes: base, count: bytes.count))
        }
    }
}
