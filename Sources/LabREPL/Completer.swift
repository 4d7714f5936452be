import LabOperations
import LabCapacity
import LabQuery

/// Tab completion: the words that may come next, from the keywords, the catalog's entities
/// and fields, and object names in the database (hosts, VMs, ranges, clusters, zones, ...).
public struct Completer {
    /// The catalog whose entities and fields are offered.
    public let catalog: Catalog
    /// Object names; nil offers none.
    public let names: (any ObjectNames)?

    /// A completer over `catalog` and `names`.
    public init(catalog: Catalog = .lab, names: (any ObjectNames)?) {
        self.catalog = catalog
        self.names = names
    }

    /// The completions of `word`, which ends the text `line` (everything before the cursor).
    public func completions(line: String, word: String) -> [String] {
        let before = String(line.dropLast(word.count))
        let words = before.split(whereSeparator: { $0.isWhitespace || ",()".contains($0) }).map { $0.lowercased() }
        let candidates = candidates(before: words, line: before)
        let lowered = word.lowercased()
        var seen: Set<String> = []
        return candidates.filter { $0.lowercased().hasPrefix(lowered) && seen.insert($0.lowercased()).inserted }.sorted()
    }

    private func objectNames(_ sources: [String]) -> [String] {
        sources.flatMap { names?.names(in: $0) ?? [] }
    }

    private func candidates(before words: [String], line: String) -> [String] {
        let trimmed = line.drop(while: \.isWhitespace)
        if trimmed.hasPrefix(".") {
            guard let command = words.first else { return DotCommand.all.map(\.name) }
            switch command {
            case ".mode": return ["table", "json", "csv", "yaml"]
            case ".timer": return ["on", "off"]
            case ".schema": return catalog.entities.map(\.name)
            case ".help": return DotCommand.all.map { String($0.name.dropFirst()) }
            default: return []
            }
        }
        guard let first = words.first else {
            return catalog.entities.map(\.name) + Parser.writeKeywords + ["capacity"] + DotCommand.all.map(\.name)
        }
        let last = words.last!
        switch first {
        case "set", "delete", "add":
            if words.count == 1 {
                return catalog.entities.filter { first == "set" ? $0.fields.contains(where: \.isWritable) : first == "add" ? $0.isAddable : $0.isDeletable }.map(\.name)
            }
            guard let entity = catalog.entity(words[1]) else { return [] }
            if words.count == 2 { return first == "add" ? [] : objectNames([entity.name]) }
            if first == "add", last == "=" || last.hasSuffix("="), words.count >= 2,
               let field = entity.field((last == "=" ? words[words.count - 2] : last).trimmingCharacters(in: "=")) {
                return field.choices + objectNames(field.references)
            }
            return first == "set" ? entity.fields.filter(\.isWritable).map(\.name) : first == "add" ? entity.fields.filter(\.isInsertable).map(\.name) : []
        case "allocate":
            if words.count == 1 { return objectNames(["ranges"]) }
            if last == "to" { return objectNames(["hosts", "vms", "services"]) }
            if words.count == 2 { return ["to"] }
            if last == "new" { return ["service"] }
            if last == "cluster" { return objectNames(["clusters"]) }
            if words.dropFirst(4).contains(where: { ["service", "new-service"].contains($0.lowercased()) }) { return ["cluster", "description", "dns"] }
            return ["dns", "new"]
        case "release":
            return []
        case "capacity":
            if words.count == 1 { return ["fit"] + objectNames(["hosts"]) }
            guard words[1] == "fit" else { return [] }
            switch last {
            case "range": return objectNames(["ranges"])
            case "host": return objectNames(["hosts"])
            case "cpu", "ram", "disk", "count": return []
            default: return FitRequest.wordKeys
            }
        default:
            guard let entity = catalog.entity(first) else { return catalog.entities.map(\.name) }
            let fieldNames = entity.fields.map(\.name)
            if last == "of" { return objectNames(entity.ownerSources) }
            var fieldWord: String?
            if ["=", "!=", "in", "not", "("].contains(last), words.count >= 2 {
                fieldWord = words[words.count - 2]
            } else if last.hasSuffix("=") {
                fieldWord = last.trimmingCharacters(in: "=!")
            }
            if let fieldWord, let field = entity.field(fieldWord.trimmingCharacters(in: "=!")) {
                if field.type == .address { return objectNames(["ranges", "prefixes"]) }
                if field.name == entity.keyField, catalog.nameSources[entity.name] != nil { return objectNames([entity.name]) }
                return objectNames(field.references)
            }
            if last == "sort" || last == "order" { return ["by"] }
            return fieldNames + Parser.clauseKeywords + ["and", "or", "not", "in", "is", "null", "by", "desc", "asc"]
        }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
