import LabIP
import LabModel

/// Reading address text found on targets.
enum LabIPAddressText {
    /// A for an IPv4 address, AAAA for an IPv6 one, nil for anything else.
    static func family(of text: String) -> RecordType? {
        guard let address = IPAddress(text) else { return nil }
        return address.family == .v4 ? .a : .aaaa
    }
}
