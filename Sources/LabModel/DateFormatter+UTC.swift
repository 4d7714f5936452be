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
