/// An import refused because it would undo changes made outside the lab file; nothing
/// was written. `--force` applies it anyway.
public struct StaleImportError: Error, Sendable, CustomStringConvertible {
    /// The file, as named in the message.
    public let file: String
    /// What the review found.
    public let review: ImportReview

    public init(file: String, review: ImportReview) {
        self.file = file
        self.review = review
    }

    public var description: String {
        if let revision = review.revision {
            let lines = review.conflicts.prefix(8).map { conflict in
                "\(conflict.change.object) (" + conflict.since.suffix(2).map(ImportReview.describe).joined(separator: "; ") + ")"
            }
            let more = review.conflicts.count > 8 ? "; and \(review.conflicts.count - 8) more" : ""
            return "\(file) was exported at revision \(revision), and since then \(review.conflicts.count) of the objects it would change were changed: "
                + lines.joined(separator: "; ") + more
                + "; export again (labdb export -o FILE) and redo your edits, or import with --force to undo those changes"
        }
        let lines = review.outsideDeletions.prefix(8).map { "\($0.change.object) (\(ImportReview.describe($0.made)))" }
        let more = review.outsideDeletions.count > 8 ? "; and \(review.outsideDeletions.count - 8) more" : ""
        return "\(file) has no revision (it was not written by labdb export), and importing it would delete \(review.outsideDeletions.count) "
            + "allocation\(review.outsideDeletions.count == 1 ? "" : "s") made outside lab files: " + lines.joined(separator: "; ") + more
            + "; add them to the file, or import with --force to delete them"
    }
}
