import Foundation
import LabModel

/// Pi-hole v5 or plain dnsmasq, through its files: a hosts file (`custom.list`: `IP NAME`)
/// and a dnsmasq conf (`cname=ALIAS,TARGET` and, for wildcards, `address=/DOMAIN/IP`).
///
/// Lines labdb did not write (not in its ownership table) are kept as they are. Each
/// file is rewritten atomically only when it changes; the reload command runs once after.
public final class PiholeFilesProvider: DNSProvider {
    public let target: DNSTarget
    let ownership: OwnershipStore
    let hostsPath: String
    let cnamePath: String

    public var capabilities: DNSCapabilities { .piholeFiles }

    public init(target: DNSTarget, ownership: OwnershipStore) {
        self.target = target
        self.ownership = ownership
        self.hostsPath = target.hostsFile ?? ""
        self.cnamePath = target.cnameFile ?? ""
    }

    public func currentRecords() throws -> [ObservedRecord] {
        let owned = try ownership.ownedKeys()
        return try (hostsEntries() + confEntries()).flatMap { entry in
            entry.records.map { record in
                // Only a line labdb writes (one name per line) can be owned.
                ObservedRecord(record: record, handle: entry.line, owned: entry.records.count == 1 && owned.contains(record.key))
            }
        }
    }

    public func apply(_ plan: DNSPlan) -> DNSApplyReport {
        var report = DNSApplyReport()
        guard !plan.isEmpty else { return report }
        let hostChanges = plan.changes.filter { PiholeFilesProvider.isHostsRecord($0.record) }
        let confChanges = plan.changes.filter { !PiholeFilesProvider.isHostsRecord($0.record) }
        var changedFiles = 0
        for (path, changes, isHosts) in [(hostsPath, hostChanges, true), (cnamePath, confChanges, false)] where !changes.isEmpty {
            do {
                try rewrite(path: path, changes: changes, isHosts: isHosts)
                changedFiles += 1
                do {
                    try ownership.record(changes)
                    report.applied += changes
                } catch {
                    report.applied += changes
                    report.problems.append("\(path) was written but the ownership of its entries could not be recorded (\(error)); run the apply again")
                }
            } catch {
                for change in changes { report.fail(change, "\(error)") }
            }
        }
        if changedFiles > 0, let command = target.reloadCommand, !command.isEmpty {
            let status = ChildProcess.shell(command)
            if status != 0 { report.problems.append("the files were written but the reload command `\(command)` exited with status \(status)") }
        }
        return report
    }

    public func close() {}

    /// A/AAAA records without a wildcard go to the hosts file; the rest to the dnsmasq conf.
    static func isHostsRecord(_ record: DNSRecord) -> Bool { record.type != .cname && !record.isWildcard }

    /// One line of a file and the records it holds (none for comments and other settings).
    struct Entry {
        let line: String
        let records: [DNSRecord]
    }

    func hostsEntries() throws -> [Entry] {
        try lines(of: hostsPath).map { line in Entry(line: line, records: DnsmasqLine.hostsRecords(line)) }
    }

    func confEntries() throws -> [Entry] {
        try lines(of: cnamePath).map { line in Entry(line: line, records: DnsmasqLine.confRecords(line)) }
    }

    private func lines(of path: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DNSError.file(target: target.name, path: path, detail: "cannot be read; check its permissions")
        }
        var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Removes the lines of deleted and replaced records, appends the new ones, writes atomically.
    private func rewrite(path: String, changes: [DNSChange], isHosts: Bool) throws {
        var lines = try self.lines(of: path)
        for change in changes {
            guard let old = change.old else { continue }
            if let index = lines.firstIndex(of: old.handle) { lines.remove(at: index) }
        }
        for change in changes { if let new = change.new { lines.append(DnsmasqLine.line(for: new)) } }
        let text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0o644
        do {
            try AtomicFile.write(text, to: path, permissions: mode)
        } catch {
            throw DNSError.file(target: target.name, path: path, detail: "cannot be written (\(error.localizedDescription)); check the folder's permissions")
        }
    }
}
