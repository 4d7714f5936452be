import Foundation
import LabStore

/// The time of the newest recorded change: what a replica must have caught up with.
extension ChangeHistory {
    /// When the newest change was recorded (by labdb or, through the triggers, by anyone
    /// else); nil in a database without history or without changes.
    public func lastChangeTime() throws -> Date? {
        guard db.hasChangeHistory else { return nil }
        let newest = try db.scalar("SELECT max(at) FROM (SELECT max(at) AS at FROM change_sets UNION ALL SELECT max(at) AS at FROM changes)")
        guard let text = newest?.string else { return nil }
        return DateFormatter.utc("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").date(from: text)
    }
}
