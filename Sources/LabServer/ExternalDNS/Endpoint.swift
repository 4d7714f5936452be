/// An external-dns Endpoint as the webhook protocol carries it; every key is optional.
struct Endpoint: Codable, Sendable, Equatable {
    var dnsName: String?
    var targets: [String]?
    var recordType: String?
    var setIdentifier: String?
    var recordTTL: Int?
    var labels: [String: String]?
    var providerSpecific: [ProviderSpecific]?

    struct ProviderSpecific: Codable, Sendable, Equatable {
        var name: String
        var value: String
    }

    /// The name as labdb keeps it: lower case, no trailing dot.
    var normalizedName: String? {
        guard var name = dnsName?.lowercased(), !name.isEmpty else { return nil }
        while name.hasSuffix(".") { name.removeLast() }
        return name.isEmpty ? nil : name
    }

    /// The record type in upper case.
    var normalizedType: String? { recordType?.uppercased() }

    /// A target as labdb keeps it: names lower case without a trailing dot; TXT as sent.
    static func normalize(_ target: String, type: String) -> String {
        guard type == "CNAME" else { return target }
        var value = target.lowercased()
        while value.hasSuffix(".") { value.removeLast() }
        return value
    }
}

/// The body of `POST /records`: `create`, `updateOld`, `updateNew` (paired entry by entry)
/// and `delete`. external-dns before v0.17 capitalised the keys; both spellings are read.
struct Changes: Decodable, Sendable {
    var create: [Endpoint] = []
    var updateOld: [Endpoint] = []
    var updateNew: [Endpoint] = []
    var delete: [Endpoint] = []

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        func list(_ name: String) throws -> [Endpoint] {
            let capitalised = name.prefix(1).uppercased() + name.dropFirst()
            for key in [name, capitalised] {
                if let value = try container.decodeIfPresent([Endpoint].self, forKey: Key(stringValue: key)) { return value }
            }
            return []
        }
        create = try list("create")
        updateOld = try list("updateOld")
        updateNew = try list("updateNew")
        delete = try list("delete")
    }
}
