import Foundation

extension DateFormatter {
    /// A formatter for `format` in UTC with the POSIX locale: fixed text for files and history,
    /// whatever the user's locale and time zone.
    public static func utc(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }
}

extension DateFormatter {
    /// `date` as UTC ISO 8601 to the second (`2026-12-01T15:04:05Z`): sorts as text in time order.
    public static func utcSeconds(_ date: Date) -> String {
        utc("yyyy-MM-dd'T'HH:mm:ss'Z'").string(from: date)
    }
}
