/// A span of a statement's text, as character offsets (`lowerBound..<upperBound`).
public struct SourceRange: Hashable, Sendable {
    /// The first character of the span.
    public var lowerBound: Int
    /// One past the last character of the span.
    public var upperBound: Int

    /// The span `lowerBound..<upperBound`.
    public init(_ lowerBound: Int, _ upperBound: Int) {
        self.lowerBound = lowerBound
        self.upperBound = max(lowerBound, upperBound)
    }

    /// The span covering both `self` and `other`.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(lowerBound, other.lowerBound), max(upperBound, other.upperBound))
    }
}
