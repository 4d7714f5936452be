/// A lab file as read: the lab, and the database revision it was exported at.
public struct LabFile: Sendable {
    /// The objects.
    public var lab: Lab
    /// The `revision:` an export recorded (the database's last change then); nil for a
    /// hand-written file, whose import cannot tell which changes it has seen.
    public var revision: Int64?

    public init(lab: Lab, revision: Int64? = nil) {
        self.lab = lab
        self.revision = revision
    }
}
