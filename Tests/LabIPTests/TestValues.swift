import Testing
@testable import LabIP

/// Parses an address that a test states literally.
func ip(_ text: String) throws -> IPAddress { try #require(IPAddress(text)) }

/// An inclusive range between two literal addresses.
func range(_ first: String, _ last: String) throws -> IPRange {
    let (a, b) = (try ip(first), try ip(last))
    return try #require(IPRange(first: a, last: b))
}
