import Foundation

extension Shell.Sink {
    /// Results on standard output, errors on standard error, unbuffered.
    public static var standard: Shell.Sink {
        Shell.Sink(output: { FileHandle.standardOutput.write(Data($0.utf8)) },
                   errors: { FileHandle.standardError.write(Data($0.utf8)) })
    }
}
