import Foundation
import LabDNS
import LabModel

/// Prints DNS plans and apply reports: text for people, JSON (sorted keys) for scripts.
enum DNSPlanOutput {
    struct Result {
        let target: DNSTarget
        let plan: DNSPlan?
        let error: String?
    }

    static func render(_ results: [Result], format: OutputFormat) -> String {
        guard format == .json else { return results.compactMap { $0.plan.map(text) }.joined() }
        let targets = results.map { result -> [String: Any] in
            var object: [String: Any] = ["name": result.target.name, "kind": result.target.kind.rawValue, "zone": result.target.zone,
                                         "view": result.target.view.rawValue, "error": result.error ?? NSNull()]
            if let plan = result.plan {
                object["changes"] = plan.changes.map(json)
                object["skipped"] = plan.skipped.map { ["record": json($0.record), "reason": $0.reason] }
                object["summary"] = ["create": plan.creates.count, "update": plan.updates.count, "delete": plan.deletes.count,
                                     "owned": plan.ownedCount, "skipped": plan.skipped.count]
                object["pending"] = !plan.isEmpty
            }
            return object
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["targets": targets], options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// One target's plan as text.
    static func text(_ plan: DNSPlan) -> String {
        let target = plan.target
        var out = "\(target.name) (\(target.kind.rawValue), zone \(target.zone), \(target.view.rawValue) view)\n"
        for change in plan.changes { out += "  \(change)\n" }
        for skipped in plan.skipped { out += "  \(skipped)\n" }
        return out + "  \(plan.summary)\n"
    }

    /// What an apply did.
    static func text(_ report: DNSApplyReport, plan: DNSPlan) -> String {
        var out = "  applied \(report.applied.count) of \(plan.changes.count) changes to \(plan.target.name)\n"
        for failure in report.failed { out += "  failed: \(failure.change): \(failure.reason)\n" }
        for change in report.notAttempted { out += "  not applied: \(change)\n" }
        for problem in report.problems { out += "  problem: \(problem)\n" }
        return out
    }

    static func json(_ change: DNSChange) -> [String: Any] {
        ["action": change.action.rawValue, "old": change.old.map { json($0.record) } ?? NSNull(), "new": change.new.map(json) ?? NSNull()]
    }

    static func json(_ record: DNSRecord) -> [String: Any] {
        ["name": record.name, "type": record.type.rawValue, "value": record.value, "ttl": record.ttl ?? NSNull(), "proxied": record.proxied]
    }
}
