import Foundation
import LabModel

/// The text forms of records in dnsmasq's files, which Pi-hole also uses for its
/// entries: hosts lines (`IP NAME...`), `cname=` and `address=` lines.
public enum DnsmasqLine {
    /// `192.168.1.25 gitlab.lab.example.com [more names]` → one record per name.
    public static func hostsRecords(_ line: String) -> [DNSRecord] {
        let body = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let words = body.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count >= 2, let address = LabIPAddressText.family(of: words[0]) else { return [] }
        return words.dropFirst().map { DNSRecord(name: $0, type: address, value: words[0]) }
    }

    /// `cname=alias[,alias],target[,ttl]` and `address=/domain/ip`.
    public static func confRecords(_ line: String) -> [DNSRecord] {
        let text = line.trimmingCharacters(in: .whitespaces)
        if text.lowercased().hasPrefix("cname=") {
            var parts = text.dropFirst("cname=".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            var ttl: Int?
            if let last = parts.last, let seconds = Int(last) {
                ttl = seconds
                parts.removeLast()
            }
            guard parts.count >= 2 else { return [] }
            let target = parts.removeLast()
            return parts.map { DNSRecord(name: $0, type: .cname, value: target, ttl: ttl) }
        }
        if text.lowercased().hasPrefix("address=/") {
            let parts = text.dropFirst("address=/".count).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let type = LabIPAddressText.family(of: parts[1]) else { return [] }
            return [DNSRecord(name: "*." + parts[0], type: type, value: parts[1])]
        }
        return []
    }

    /// `alias,target[,ttl]`: a CNAME as dnsmasq's `cname=` lines and Pi-hole's API both hold it.
    public static func cnameEntry(for record: DNSRecord) -> String {
        "\(record.name),\(record.value)" + (record.ttl.map { ",\($0)" } ?? "")
    }

    /// The line labdb writes for `record`.
    public static func line(for record: DNSRecord) -> String {
        if record.type == .cname { return "cname=" + cnameEntry(for: record) }
        if record.isWildcard { return "address=/\(record.name.dropFirst(2))/\(record.value)" }
        return "\(record.value) \(record.name)"
    }
}
