import Foundation

/// The text of a lab file, held no longer than it is needed.
///
/// Reading a file composes its text once; a problem found after that (by the validator)
/// composes it again to find its line and column. Text that came from a file on disk is let
/// go once composed, so that a large import does not carry a second copy of the file through
/// validation and planning; it is read again only if a late problem needs a position, and
/// used only if it is still the text that was read (same size and hash), since positions
/// into a file edited in the meantime would point at the wrong lines.
final class LabFileSource {
    /// The text, while it is held.
    private var text: String?
    /// The file to read again, for text that was let go.
    private let path: String?
    /// The size and hash of the text, to recognise it when read again.
    private var fingerprint: (bytes: Int, hash: Int)?

    /// Text that stays held (standard input, a request body, a string in a test).
    init(text: String) {
        self.text = text
        path = nil
    }

    /// The text of the file at `path`, to be let go after it is composed.
    init(path: String) throws {
        text = try String(contentsOfFile: path, encoding: .utf8)
        self.path = path
    }

    /// The text for composing the first time.
    var firstText: String { text ?? "" }

    /// Reading is over: text that can be read again from its file is let go.
    func release() {
        guard path != nil, let text else { return }
        fingerprint = LabFileSource.fingerprint(of: text)
        self.text = nil
    }

    /// The text once more, for a problem's position; nil if it was let go and its file no
    /// longer holds it.
    func textAgain() -> String? {
        if let text { return text }
        guard let path, let fingerprint, let again = try? String(contentsOfFile: path, encoding: .utf8),
              LabFileSource.fingerprint(of: again) == fingerprint else { return nil }
        return again
    }

    private static func fingerprint(of text: String) -> (bytes: Int, hash: Int) {
        var hasher = Hasher()
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        return (text.utf8.count, hasher.finalize())
    }
}
