import LabIP

/// Resolves a parsed statement against the catalog: entities and fields must exist,
/// values must suit their field's type, and (when `names` is given) named objects must exist.
public struct Binder {
    /// The catalog to resolve against.
    public let catalog: Catalog
    /// The database's object names, for existence checks and suggestions; nil skips them.
    public let names: (any ObjectNames)?

    /// A binder over `catalog`, checking names against `names` when given.
    public init(catalog: Catalog = .lab, names: (any ObjectNames)? = nil) {
        self.catalog = catalog
        self.names = names
    }

    /// The bound form of `statement`, or the diagnostic for its first problem.
    public func bind(_ statement: Statement) throws(Diagnostic) -> BoundStatement {
        switch statement {
        case .read(let read): return .read(try bind(read))
        case .allocate(let target, let holder, let dns, let newService):
            let allocation: AllocationTarget
            if !target.isQuoted, let address = IPAddress(target.text) {
                allocation = .address(address)
            } else {
                try requireName(target, in: ["ranges"], kind: "range")
                allocation = .range(target.text)
            }
            guard let newService else {
                let named = Binder.holder(holder.text)
                try requireName(Word(text: named.name, isQuoted: holder.isQuoted, range: holder.range), in: named.sources, kind: named.kind,
                                otherwise: "add it to the lab file first, or add 'new service' to create it as a service")
                return .allocate(allocation, holder: holder.text, dns: dns?.text, newService: nil)
            }
            // The allocator decides whether the name may become a service (new, not a typo of an existing one).
            if let cluster = newService.cluster { try requireName(cluster, in: ["clusters"], kind: "cluster") }
            return .allocate(allocation, holder: holder.text, dns: dns?.text,
                             newService: AllocationNewService(cluster: newService.cluster?.text, description: newService.description?.text))
        case .release(let word):
            guard let address = IPAddress(word.text) else {
                throw Diagnostic("'\(word.text)' is not an IP address", at: word.range, hint: "e.g. release 192.168.1.28")
            }
            return .release(address)
        case .set(let entityWord, let object, let assignments):
            let entity = try entity(entityWord)
            guard entity.table != nil, entity.fields.contains(where: \.isWritable) else {
                throw Diagnostic("\(entity.name) cannot be changed with set", at: entityWord.range,
                                 hint: "writable: \(catalog.entities.filter { $0.table != nil && $0.fields.contains(where: \.isWritable) }.map(\.name).joined(separator: ", "))")
            }
            let key = try keyValue(entity, object)
            var bound: [(Field, BoundValue)] = []
            for assignment in assignments {
                let field = try field(assignment.field, of: entity)
                guard field.isWritable else {
                    throw Diagnostic("the \(field.name) of a \(entity.singular) cannot be changed with set", at: assignment.field.range,
                                     hint: "writable fields: \(entity.fields.filter(\.isWritable).map(\.name).joined(separator: ", "))")
                }
                if !assignment.value.isQuoted, assignment.value.text.lowercased() == "null" {
                    bound.append((field, .null))
                    continue
                }
                let value = try value(assignment.value, for: field)
                if case .int(let number) = value, field.type == .int || field.type == .size, number <= 0 {
                    throw Diagnostic("\(field.name) must be greater than zero", at: assignment.value.range)
                }
                bound.append((field, value))
            }
            return .set(entity, key: key, keyText: object.text, bound)
        case .add(let entityWord, let object, let assignments):
            return try add(entityWord, object, assignments)
        case .delete(let entityWord, let object, let filters):
            let entity = try entity(entityWord)
            guard entity.isDeletable else {
                throw Diagnostic("\(entity.name) cannot be deleted here", at: entityWord.range,
                                 hint: entity.name == "ips" ? "use release ADDRESS" : "deletable: \(catalog.entities.filter(\.isDeletable).map(\.name).joined(separator: ", "))")
            }
            var bound: [(Field, BoundValue)] = []
            for filter in filters {
                guard entity.deletesThroughLab else {
                    throw Diagnostic("delete takes only the \(entity.singular)'s \(entity.keyField)", at: filter.field.range)
                }
                let field = try field(filter.field, of: entity)
                guard !bound.contains(where: { $0.0.name == field.name }) else { throw Diagnostic("\(field.name) is given twice", at: filter.field.range) }
                bound.append((field, try value(filter.value, for: field)))
            }
            return .delete(entity, key: try keyValue(entity, object), keyText: object.text, filters: bound)
        }
    }

    private func add(_ entityWord: Word, _ object: Word, _ assignments: [Assignment]) throws(Diagnostic) -> BoundStatement {
        let entity = try entity(entityWord)
        guard let insertion = entity.insertion else {
            throw Diagnostic("\(entity.name) cannot be added here", at: entityWord.range,
                             hint: "addable: \(catalog.entities.filter(\.isAddable).map(\.name).joined(separator: ", ")); for addresses use allocate")
        }
        let name = object.text
        // Record names are relative to their zone: `@` is the apex, `*.k8s` a wildcard.
        let extra: Set<Character> = entity.name == "zones" ? [".", "-"] : entity.name == "records" ? [".", "-", "_", "*", "@"] : [".", "-", "_"]
        let allowed = entity.name == "zones" ? "letters, digits, '.' and '-'"
            : entity.name == "records" ? "letters, digits, '.', '_', '-', '*' (a wildcard) or '@' (the zone apex)" : "letters, digits, '.', '_' and '-'"
        guard (1...insertion.maximumNameLength).contains(name.count),
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || extra.contains($0)) }) else {
            throw Diagnostic("'\(name)' is not a valid \(entity.singular) name", at: object.range,
                             hint: "use 1 to \(insertion.maximumNameLength) \(allowed)")
        }
        // Pool names are unique per host only: the importer refuses a duplicate on the same host.
        if let names, entity.name != "pools", catalog.nameSources[entity.name] != nil, names.contains(name, in: entity.name) {
            throw Diagnostic("a \(entity.singular) named '\(name)' already exists", at: object.range, hint: "change it with set")
        }
        var bound: [(Field, BoundValue)] = []
        for assignment in assignments {
            let field = try field(assignment.field, of: entity)
            guard field.isInsertable else {
                throw Diagnostic("the \(field.name) of a new \(entity.singular) cannot be given with add", at: assignment.field.range,
                                 hint: "fields: \(entity.fields.filter(\.isInsertable).map(\.name).joined(separator: ", "))")
            }
            guard !bound.contains(where: { $0.0.name == field.name }) else {
                throw Diagnostic("\(field.name) is given twice", at: assignment.field.range)
            }
            let value = try value(assignment.value, for: field)
            if case .int(let number) = value, field.type == .int || field.type == .size, number <= 0 {
                throw Diagnostic("\(field.name) must be greater than zero", at: assignment.value.range)
            }
            if !field.references.isEmpty { try requireName(assignment.value, in: field.references, kind: field.references.map(singular).joined(separator: " or ")) }
            bound.append((field, value))
        }
        for required in insertion.required where !bound.contains(where: { $0.0.name == required }) {
            throw Diagnostic("a new \(entity.singular) needs its \(required)", at: object.range,
                             hint: "e.g. add \(entity.name) \(name) \(required) = ...")
        }
        return .add(entity, name: name, bound)
    }

    private func keyValue(_ entity: Entity, _ object: Word) throws(Diagnostic) -> BoundValue {
        let key = entity.field(entity.keyField)!
        let value = try value(object, for: key)
        if key.name == "name", catalog.nameSources[entity.name] != nil {
            try requireName(object, in: [entity.name], kind: entity.singular)
        }
        return value
    }

    /// The entity called `word`, or a diagnostic with a suggestion.
    func entity(_ word: Word) throws(Diagnostic) -> Entity {
        if let entity = catalog.entity(word.text) { return entity }
        throw Diagnostic("unknown entity '\(word.text)'", at: word.range,
                         hint: Suggestion.hint(for: word.text, in: catalog.entities.map(\.name))
                            ?? "entities: \(catalog.entities.map(\.name).joined(separator: ", "))")
    }

    /// The field of `entity` called `word`, or a diagnostic with a suggestion.
    func field(_ word: Word, of entity: Entity) throws(Diagnostic) -> Field {
        if let field = entity.field(word.text) { return field }
        throw Diagnostic("\(entity.name) have no field '\(word.text)'", at: word.range,
                         hint: Suggestion.hint(for: word.text, in: entity.fields.map(\.name))
                            ?? "fields: \(entity.fields.map(\.name).joined(separator: ", "))")
    }

    /// Checks that an object called `word` exists in one of `sources`.
    /// Where a holder's name is looked up: `NAME`, or `machine:NAME` / `service:NAME` to choose
    /// the kind, as `labdb ip allocate --to` reads it.
    static func holder(_ text: String) -> (name: String, sources: [String], kind: String) {
        let lowered = text.lowercased()
        if lowered.hasPrefix("machine:") { return (String(text.dropFirst(8)), ["hosts", "vms"], "host or VM") }
        if lowered.hasPrefix("service:") { return (String(text.dropFirst(8)), ["services"], "service") }
        return (text, ["hosts", "vms", "services"], "host, VM or service")
    }

    /// `otherwise` is the hint when no existing name is close enough to suggest.
    private func requireName(_ word: Word, in sources: [String], kind: String, otherwise: String? = nil) throws(Diagnostic) {
        guard let names else { return }
        if sources.contains(where: { names.contains(word.text, in: $0) }) { return }
        let all = sources.flatMap { names.names(in: $0) }
        throw Diagnostic("no \(kind) named '\(word.text)'", at: word.range, hint: Suggestion.hint(for: word.text, in: all) ?? otherwise)
    }

    private func bind(_ read: ReadStatement) throws(Diagnostic) -> BoundRead {
        let entity = try entity(read.entity)
        var owner: String?
        if let word = read.owner {
            guard !entity.relations.isEmpty else {
                throw Diagnostic("\(entity.name) cannot be selected with 'of'", at: word.range, hint: "use where instead")
            }
            let kinds = entity.ownerSources.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.map { $0 == "holders" ? "host, VM, service or cluster" : singular($0) }
            try requireName(word, in: entity.ownerSources, kind: kinds.count > 1 ? kinds.dropLast().joined(separator: ", ") + " or " + kinds.last! : kinds.joined())
            owner = word.text
        }
        let filter = try read.filter.map { (condition: Condition) throws(Diagnostic) in try bind(condition, entity) }
        let output: BoundOutput
        var columns: [String]
        switch read.projection {
        case .standard:
            output = .fields(entity.defaultColumns.map { entity.field($0)! })
            columns = []
        case .fields(let words):
            if words.count == 1, words[0].text == "*" {
                output = .fields(entity.fields)
            } else {
                var fields: [Field] = []
                for word in words { fields.append(try field(word, of: entity)) }
                output = .fields(fields)
            }
            columns = []
        case .count(let by):
            let group = try by.map { (word: Word) throws(Diagnostic) in try field(word, of: entity) }
            output = .count(by: group)
            columns = (group.map { [$0.name] } ?? []) + ["count"]
        case .sum(let word, let by):
            let summed = try field(word, of: entity)
            guard summed.type == .int || summed.type == .size else {
                throw Diagnostic("cannot sum \(summed.name): it is \(summed.type.rawValue)", at: word.range,
                                 hint: "sum a number or size field: \(entity.fields.filter { $0.type == .int || $0.type == .size }.map(\.name).joined(separator: ", "))")
            }
            let group = try by.map { (word: Word) throws(Diagnostic) in try field(word, of: entity) }
            output = .sum(summed, by: group)
            columns = (group.map { [$0.name] } ?? []) + [summed.name]
        }
        var sort: [(target: BoundSortTarget, descending: Bool)] = []
        for key in read.sort {
            if columns.isEmpty {
                sort.append((.field(try field(key.field, of: entity)), key.descending))
            } else if let index = columns.firstIndex(of: key.field.text.lowercased()) {
                sort.append((.column(index + 1), key.descending))
            } else {
                throw Diagnostic("a grouped result can only be sorted by \(columns.joined(separator: " or "))", at: key.field.range,
                                 hint: Suggestion.hint(for: key.field.text, in: columns))
            }
        }
        var limit: Int?
        if let word = read.limit {
            guard !word.isQuoted, let number = Int(word.text), number >= 0 else {
                throw Diagnostic("limit takes a number of rows, found '\(word.text)'", at: word.range, hint: "e.g. limit 10")
            }
            limit = number
        }
        return BoundRead(entity: entity, owner: owner, filter: filter, output: output, sort: sort, limit: limit)
    }

    private func singular(_ source: String) -> String {
        source == "services" ? "service" : catalog.entity(source)?.singular ?? source
    }

    private func bind(_ parts: [Condition], _ entity: Entity) throws(Diagnostic) -> [BoundCondition] {
        var bound: [BoundCondition] = []
        bound.reserveCapacity(parts.count)
        for part in parts { bound.append(try bind(part, entity)) }
        return bound
    }

    private func bind(_ condition: Condition, _ entity: Entity) throws(Diagnostic) -> BoundCondition {
        switch condition {
        case .all(let parts): return .all(try bind(parts, entity))
        case .any(let parts): return .any(try bind(parts, entity))
        case .not(let a): return .not(try bind(a, entity))
        case .truth(let word):
            let field = try field(word, of: entity)
            guard field.type == .bool else {
                throw Diagnostic("\(field.name) is \(field.type.rawValue), not true or false", at: word.range,
                                 hint: "compare it, e.g. \(field.name) = ...")
            }
            return .truth(field)
        case .isNull(let word, let negated):
            return .isNull(try field(word, of: entity), negated: negated)
        case .match(let word, let kind, let pattern, let negated):
            let field = try field(word, of: entity)
            guard field.type == .text else {
                throw Diagnostic("\(field.name) is \(field.type.rawValue); \(kind == .glob ? "~" : "=~") matches text fields only", at: word.range,
                                 hint: field.type == .address ? "use in, e.g. \(field.name) in 192.168.1.0/24" : nil)
            }
            if kind == .regex, !Binder.isRegularExpression(pattern.text) {
                throw Diagnostic("'\(pattern.text)' is not a valid regular expression", at: pattern.range)
            }
            return .match(field, kind, pattern.text, negated: negated)
        case .compare(let word, let op, let valueWord):
            let field = try field(word, of: entity)
            if !valueWord.isQuoted, valueWord.text.lowercased() == "null" {
                throw Diagnostic("nothing equals null", at: valueWord.range, hint: "write \(field.name) is \(op == .notEqual ? "not " : "")null")
            }
            if field.type == .address, !valueWord.isQuoted, valueWord.text.contains("/") {
                throw Diagnostic("\(field.name) is an address and '\(valueWord.text)' a network", at: valueWord.range,
                                 hint: "write \(field.name) in \(valueWord.text)")
            }
            if field.type == .bool || field.type == .cidr, op != .equal && op != .notEqual {
                throw Diagnostic("\(field.type.rawValue) fields compare with = or != only", at: word.range)
            }
            let value = try value(valueWord, for: field)
            if op == .equal || op == .notEqual { try checkReference(valueWord, field) }
            return .compare(field, op, value)
        case .isIn(let word, let values, let negated):
            let field = try field(word, of: entity)
            var bound: [BoundValue] = []
            for valueWord in values {
                if field.type == .address {
                    bound.append(try addressMember(valueWord, field))
                } else {
                    bound.append(try value(valueWord, for: field))
                    try checkReference(valueWord, field)
                }
            }
            return .member(field, bound, negated: negated)
        }
    }

    /// `ip in X`: an address, a CIDR, or a range or prefix name.
    private func addressMember(_ word: Word, _ field: Field) throws(Diagnostic) -> BoundValue {
        if !word.isQuoted, let address = IPAddress(word.text) { return .address(address) }
        if !word.isQuoted, word.text.contains("/") {
            switch IPNetwork.parse(word.text) {
            case .success(let network): return .network(network)
            case .failure(let error): throw Diagnostic(error.description, at: word.range)
            }
        }
        if let first = word.text.first, first.isNumber, word.text.contains(".") || word.text.contains(":") {
            throw Diagnostic("'\(word.text)' is not an address, a CIDR or a range name", at: word.range)
        }
        try requireName(word, in: ["ranges", "prefixes"], kind: "range or prefix")
        return .addressSet(word.text)
    }

    private func checkReference(_ word: Word, _ field: Field) throws(Diagnostic) {
        guard !field.references.isEmpty, let names else { return }
        if field.references.contains(where: { names.contains(word.text, in: $0) }) { return }
        let all = field.references.flatMap { names.names(in: $0) }
        if let suggestion = Suggestion.closest(to: word.text, in: all) {
            throw Diagnostic("no \(field.references.map(singular).joined(separator: " or ")) named '\(word.text)'", at: word.range,
                             hint: "did you mean '\(suggestion)'?")
        }
    }

    /// `word` as a value of `field`'s type.
    func value(_ word: Word, for field: Field) throws(Diagnostic) -> BoundValue {
        let text = word.text
        switch field.type {
        case .text:
            if !field.choices.isEmpty, !field.choices.contains(where: { $0.lowercased() == text.lowercased() }) {
                throw Diagnostic("\(field.name) is one of \(field.choices.joined(separator: ", ")); '\(text)' is not", at: word.range,
                                 hint: Suggestion.hint(for: text, in: field.choices))
            }
            return .text(text)
        case .int:
            guard let number = Int64(text) else {
                throw Diagnostic("\(field.name) is a whole number; '\(text)' is not", at: word.range)
            }
            return .int(number)
        case .number:
            guard let number = Double(text), number.isFinite else {
                throw Diagnostic("\(field.name) is a number; '\(text)' is not", at: word.range, hint: "e.g. 90 or 12.5")
            }
            return .number(number)
        case .size:
            if text.allSatisfy(\.isNumber), text != "0" {
                throw Diagnostic("\(field.name) is a size; '\(text)' has no unit", at: word.range, hint: "write e.g. \(text)G or \(text)M")
            }
            guard let size = ByteSize(text) else {
                throw Diagnostic("\(field.name) is a size; '\(text)' is not one", at: word.range, hint: "e.g. 512M, 8G, 1.5T, 300GiB")
            }
            return .int(size.bytes)
        case .bool:
            switch text.lowercased() {
            case "true", "yes", "on", "1": return .bool(true)
            case "false", "no", "off", "0": return .bool(false)
            default: throw Diagnostic("\(field.name) is true or false; '\(text)' is neither", at: word.range)
            }
        case .address:
            guard let address = IPAddress(text) else {
                throw Diagnostic("\(field.name) is an address; '\(text)' is not one", at: word.range, hint: "e.g. 192.168.1.25")
            }
            return .address(address)
        case .cidr:
            switch IPNetwork.parse(text) {
            case .success(let network): return .network(network)
            case .failure(let error): throw Diagnostic(error.description, at: word.range)
            }
        }
    }
}

extension Binder {
    /// Whether `text` compiles as a regular expression. Kept out of line: the regular
    /// expression's generic types, set up on entry to the function that names them, cost
    /// every statement with a condition a scan of every protocol conformance in the binary.
    @inline(never)
    static func isRegularExpression(_ text: String) -> Bool {
        (try? Regex(text)) != nil
    }
}
