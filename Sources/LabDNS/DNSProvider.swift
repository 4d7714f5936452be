/// A place that serves DNS records and that labdb can read and change: a Pi-hole through
/// its API or its files, or Cloudflare.
///
/// A provider is used for one run: `currentRecords()` reads the target's state (logging
/// in once where needed), `apply(_:)` carries out a plan made from that state, and
/// `close()` ends the session (a Pi-hole logout). It never throws from `apply`: what
/// failed is in the report, next to what was applied.
public protocol DNSProvider: AnyObject {
    /// What the target can hold.
    var capabilities: DNSCapabilities { get }
    /// The target's A, AAAA and CNAME records, each marked as owned by labdb or not.
    func currentRecords() throws -> [ObservedRecord]
    /// Applies `plan` as far as possible.
    func apply(_ plan: DNSPlan) -> DNSApplyReport
    /// Ends the session; safe to call more than once.
    func close()
}

/// What an apply did on one target.
public struct DNSApplyReport: Sendable, Hashable {
    /// Changes carried out.
    public var applied: [DNSChange] = []
    /// Changes tried that failed, with the reason.
    public var failed: [Failure] = []
    /// Changes not tried because an earlier step failed.
    public var notAttempted: [DNSChange] = []
    /// Problems after the changes (a reload or restart that failed).
    public var problems: [String] = []

    public init() {}

    /// A change that failed.
    public struct Failure: Sendable, Hashable {
        public let change: DNSChange
        public let reason: String
    }

    /// Whether everything was applied and nothing went wrong.
    public var succeeded: Bool { failed.isEmpty && notAttempted.isEmpty && problems.isEmpty }

    mutating func fail(_ change: DNSChange, _ reason: String) { failed.append(Failure(change: change, reason: reason)) }
}
