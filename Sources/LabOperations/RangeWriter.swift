import LabIP
import LabModel
import LabQuery

/// `add ranges NAME first = ..., last = ..., purpose = ... [, prefix = NAME] [, description = ...]`
/// in the shell, through the importer: the range must lie in its prefix (the named one,
/// else the most specific prefix holding both bounds), overlap no other range and hold no
/// nested prefix's network or broadcast address, as in the lab file.
struct RangeWriter {
    let editor: LabEditor

    func add(name: String, _ fields: AddedFields) throws -> String {
        guard let first = fields.address("first"), let last = fields.address("last"),
              let purpose = fields.text("purpose").flatMap({ RangePurpose(rawValue: $0.lowercased()) }) else {
            throw ExecutionError.refused("a new range needs its first and last address and its purpose")
        }
        guard first.family == last.family, first <= last else {
            throw ExecutionError.refused("range \(name): first \(first) must come before last \(last), in the same family")
        }
        let description = fields.text("description")
        let area = LabEditor.Area(load: { try Lab.neighbourhood(ofRange: name, first: first, last: last, prefix: fields.text("prefix"), in: $0) },
                                  guarded: IPRange(first: first, last: last).map { .addresses($0) } ?? .everything)
        return try editor.edit(area) { lab in
            let prefix: Prefix
            if let prefixName = fields.text("prefix") {
                guard let named = lab.prefixes.first(where: { $0.name?.caseInsensitiveEquals(prefixName) == true }) else {
                    throw ExecutionError.refused("no prefix named \(prefixName); list them with `prefixes`")
                }
                prefix = named
            } else {
                guard let holding = lab.prefixes.filter({ $0.cidr.contains(first) && $0.cidr.contains(last) }).max(by: { $0.cidr.length < $1.cidr.length }) else {
                    throw ExecutionError.refused("no prefix holds \(first)-\(last); add the prefix to the lab file first")
                }
                prefix = holding
            }
            let range = AddressRange(name: name, prefix: prefix.cidr, first: first, last: last, purpose: purpose, description: description)
            lab.ranges.append(range)
            return "added range \(name): \(first)-\(last) in \(prefix.name ?? prefix.cidr.description) (\(purpose.rawValue))"
        }
    }
}
