import LabIP

/// A disk a new VM needs: `SIZE@POOL`, a pool of that name on the host the VM lands on.
public struct DiskRequest: Sendable, Hashable, CustomStringConvertible {
    public var size: ByteSize
    public var pool: String

    public init(size: ByteSize, pool: String) { self.size = size; self.pool = pool }

    /// Parses `50G@local-lvm`.
    public init(parsing text: String) throws(CapacityError) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty else {
            throw CapacityError.invalidShape("--disk '\(text)' is not SIZE@POOL; write e.g. 50G@local-lvm")
        }
        guard let size = ByteSize(String(parts[0])), size.bytes > 0 else {
            throw CapacityError.invalidShape("--disk '\(text)': '\(parts[0])' is not a size; write e.g. 50G@local-lvm")
        }
        self.init(size: size, pool: String(parts[1]))
    }

    public var description: String { "\(size)@\(pool)" }
}
