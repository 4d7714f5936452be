import LabIP
import LabModel

/// Why a DNS plan or apply failed. Each prints one sentence naming the target, the
/// problem and what to do. No case ever carries a secret.
public enum DNSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The plan updates or deletes too many owned records.
    case unsafePlan(target: String, touched: Int, owned: Int)
    /// Neither the variable nor its `_FILE` twin is set.
    case missingSecret(target: String, variable: String)
    /// The secret file cannot be read.
    case secretFileUnreadable(variable: String, path: String)
    /// The secret file is readable by group or others.
    case secretFileTooOpen(variable: String, path: String, mode: Int)
    /// `--target NAME` names no target.
    case unknownTarget(name: String, known: [String])
    /// The lab has no DNS targets.
    case noTargets
    /// The target refused the credentials.
    case authentication(target: String, detail: String)
    /// The target could not be reached or answered badly.
    case remote(target: String, detail: String)
    /// The zone does not exist on the target (Cloudflare).
    case zoneNotFound(target: String, zone: String)
    /// A file of a pihole-files target could not be read or written.
    case file(target: String, path: String, detail: String)

    public var description: String {
        switch self {
        case let .unsafePlan(target, touched, owned):
            let percent = Int((DNSPlan.safeFraction * 100).rounded())
            return "refusing to apply to \(target): the plan updates or deletes \(touched) of \(owned) records labdb owns there "
                + "(more than \(percent)%); check `labdb dns plan --target \(target)` and re-run with --force if it is intended"
        case let .missingSecret(target, variable):
            return "target \(target) needs a secret: set \(variable) or \(variable)_FILE (a file readable only by you)"
        case let .secretFileUnreadable(variable, path):
            return "cannot read \(path) named by \(variable)_FILE; check that the file exists and that you may read it"
        case let .secretFileTooOpen(variable, path, mode):
            return "refusing to read the secret in \(path) (named by \(variable)_FILE): its mode \(String(mode, radix: 8)) lets group or others "
                + "read it; run `chmod 600 \(path)`"
        case let .unknownTarget(name, known):
            let hint = Suggestion.closest(to: name, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            return "no DNS target named '\(name)'\(hint); known targets: \(known.isEmpty ? "none" : known.joined(separator: ", "))"
        case .noTargets:
            return "the lab has no DNS targets; add them under dns_targets: in the lab file and import it (docs/lab-file.md)"
        case let .authentication(target, detail):
            return "target \(target) refused the credentials: \(detail)"
        case let .remote(target, detail):
            return "target \(target): \(detail)"
        case let .zoneNotFound(target, zone):
            return "target \(target): zone \(zone) was not found; check the zone name and that the token may read it (Zone:Read)"
        case let .file(target, path, detail):
            return "target \(target): \(path): \(detail)"
        }
    }
}
