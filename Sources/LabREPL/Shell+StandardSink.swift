#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Shell.Sink {
    /// Results on standard output, errors on standard error, unbuffered.
    public static var standard: Shell.Sink {
        Shell.Sink(output: { write($0, to: STDOUT_FILENO) },
                   errors: { write($0, to: STDERR_FILENO) })
    }

    /// `text`'s bytes written to `descriptor` as they are: a large listing is not copied into
    /// a `Data` first (and the generic `Data(text.utf8)` cost a scan of every protocol
    /// conformance in the binary on each command's start, about 0.3 ms).
    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            guard var next = bytes.baseAddress else { return }
            var left = bytes.count
            while left > 0 {
                #if canImport(Glibc)
                let written = Glibc.write(descriptor, next, left)
                #else
                let written = Darwin.write(descriptor, next, left)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                next += written
                left -= written
            }
        }
    }
}
