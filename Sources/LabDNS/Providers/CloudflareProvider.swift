import Foundation
import LabModel

/// Cloudflare API v4: the zone's A, AAAA and CNAME records.
///
/// labdb marks the records it creates with the comment `managed-by: labdb` and never
/// touches a record without it. Changes go through the batch endpoint in chunks of at
/// most 200 operations (each chunk is one transaction at Cloudflare). A 429 is retried
/// after its `retry-after`; a 5xx is retried with exponential backoff, then reported.
public final class CloudflareProvider: DNSProvider {
    /// The comment that marks a record as labdb's.
    public static let ownershipComment = "managed-by: labdb"
    /// The default API base.
    public static let defaultBase = "https://api.cloudflare.com/client/v4"

    public let target: DNSTarget
    let token: String
    let transport: any HTTPTransport
    let retry: RetryPolicy
    let base: String
    /// Operations per batch request (Cloudflare's free-plan limit is 200).
    public let batchLimit: Int
    /// Records per page when listing.
    public let pageSize: Int
    private var zoneID: String?

    public var capabilities: DNSCapabilities { .cloudflare }

    public init(target: DNSTarget, token: String, transport: any HTTPTransport, retry: RetryPolicy = RetryPolicy(),
                batchLimit: Int = 200, pageSize: Int = 100) {
        self.target = target
        self.token = token
        self.transport = transport
        self.retry = retry
        self.batchLimit = max(1, min(batchLimit, 200))
        self.pageSize = pageSize
        var url = target.url ?? CloudflareProvider.defaultBase
        while url.hasSuffix("/") { url.removeLast() }
        self.base = url
    }

    public func currentRecords() throws -> [ObservedRecord] {
        let zone = try zone()
        var records: [ObservedRecord] = []
        var page = 1
        while true {
            let envelope = try call("GET", "/zones/\(zone)/dns_records?page=\(page)&per_page=\(pageSize)")
            for item in envelope["result"] as? [[String: Any]] ?? [] {
                guard let id = item["id"] as? String, let type = (item["type"] as? String).flatMap(RecordType.init(rawValue:)),
                      let name = item["name"] as? String, let content = item["content"] as? String else { continue }
                let ttl = (item["ttl"] as? Int).flatMap { $0 == 1 ? nil : $0 }
                let comment = item["comment"] as? String ?? ""
                records.append(ObservedRecord(record: DNSRecord(name: name, type: type, value: content, ttl: ttl, proxied: item["proxied"] as? Bool ?? false),
                                              handle: id, owned: comment.contains(CloudflareProvider.ownershipComment)))
            }
            let info = envelope["result_info"] as? [String: Any]
            let totalPages = info?["total_pages"] as? Int ?? 1
            if page >= totalPages { break }
            page += 1
        }
        return records
    }

    public func apply(_ plan: DNSPlan) -> DNSApplyReport {
        var report = DNSApplyReport()
        guard !plan.isEmpty else { return report }
        // Cloudflare applies deletes, then patches, then posts within a batch; keep that order across chunks.
        let ordered = plan.deletes + plan.updates + plan.creates
        var index = 0
        while index < ordered.count {
            let chunk = Array(ordered[index..<min(index + batchLimit, ordered.count)])
            do {
                let zone = try zone()
                var body: [String: Any] = [:]
                body["deletes"] = chunk.filter { $0.action == .delete }.map { ["id": $0.old!.handle] }
                body["patches"] = chunk.filter { $0.action == .update }.map { change -> [String: Any] in
                    var fields = CloudflareProvider.fields(change.new!)
                    fields["id"] = change.old!.handle
                    return fields
                }
                body["posts"] = chunk.filter { $0.action == .create }.map { CloudflareProvider.fields($0.new!) }
                _ = try call("POST", "/zones/\(zone)/dns_records/batch", body: body)
                report.applied += chunk
            } catch {
                for change in chunk { report.fail(change, "\(error)") }
                report.notAttempted = Array(ordered[min(index + batchLimit, ordered.count)...])
                break
            }
            index += batchLimit
        }
        return report
    }

    public func close() {}

    /// The JSON fields labdb sets on a record.
    static func fields(_ record: DNSRecord) -> [String: Any] {
        ["type": record.type.rawValue, "name": record.name, "content": record.value, "ttl": record.proxied ? 1 : (record.ttl ?? 1),
         "proxied": record.proxied, "comment": ownershipComment]
    }

    private func zone() throws -> String {
        if let zoneID { return zoneID }
        let envelope = try call("GET", "/zones?name=\(PercentEncoding.pathSegment(target.zone))")
        guard let first = (envelope["result"] as? [[String: Any]])?.first, let id = first["id"] as? String else {
            throw DNSError.zoneNotFound(target: target.name, zone: target.zone)
        }
        zoneID = id
        return id
    }

    /// One API call with retries; returns the envelope of a successful answer.
    private func call(_ method: String, _ path: String, body: [String: Any]? = nil) throws -> [String: Any] {
        var headers = [HTTPHeader("Authorization", "Bearer \(token)")]
        var data: Data?
        if let body {
            data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
            headers.append(HTTPHeader("Content-Type", "application/json"))
        }
        let request = HTTPRequest(method: method, url: base + path, headers: headers, body: data)
        var lastProblem = ""
        for attempt in 1...max(1, retry.attempts) {
            let response: HTTPResponse
            do {
                response = try transport.send(request)
            } catch {
                lastProblem = scrub("\(error)")
                if attempt < retry.attempts { retry.sleep(min(retry.maximumWait, retry.backoff * pow(2, Double(attempt - 1)))) }
                continue
            }
            switch response.status {
            case 429:
                lastProblem = "\(request.summary) was rate limited (429)"
                let wait = response.headers["retry-after"].flatMap(Double.init) ?? retry.backoff * pow(2, Double(attempt - 1))
                if attempt < retry.attempts { retry.sleep(min(retry.maximumWait, wait)) }
                continue
            case 500...599:
                lastProblem = "\(request.summary) answered \(response.status)\(errorText(response))"
                if attempt < retry.attempts { retry.sleep(min(retry.maximumWait, retry.backoff * pow(2, Double(attempt - 1)))) }
                continue
            case 401, 403:
                throw DNSError.authentication(target: target.name, detail: "Cloudflare refused the token (\(response.status)\(errorText(response))); "
                                              + "check \(SecretReader.cloudflareToken) and that it has Zone:Read and DNS:Edit on \(target.zone)")
            default:
                let envelope = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
                guard (200...299).contains(response.status), let envelope, envelope["success"] as? Bool == true else {
                    throw DNSError.remote(target: target.name, detail: "\(request.summary) answered \(response.status)\(errorText(response))")
                }
                return envelope
            }
        }
        throw DNSError.remote(target: target.name, detail: "\(lastProblem); gave up after \(retry.attempts) attempts, try again later")
    }

    private func errorText(_ response: HTTPResponse) -> String {
        let envelope = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        let errors = (envelope?["errors"] as? [[String: Any]] ?? []).map { error -> String in
            let code = (error["code"] as? Int).map { "\($0) " } ?? ""
            return code + (error["message"] as? String ?? "")
        }
        return errors.isEmpty ? "" : ": " + scrub(errors.joined(separator: "; "))
    }

    private func scrub(_ text: String) -> String { SecretScrubber(secret: token).scrub(text) }
}
