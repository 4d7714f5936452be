import HTTPTypes
import Hummingbird
import LabCapacity
import LabIP
import LabModel
import LabOperations
import LabQuery
import LabStore

/// An RFC 9457 problem document (`application/problem+json`): what went wrong, in the
/// words the command line uses, with the details a program needs (position, holder,
/// suggestion) as extra members. Never carries a token, a secret or the database path.
struct Problem: Error, Sendable {
    /// The HTTP status.
    var status: HTTPResponse.Status
    /// A short slug naming the kind of problem; the `type` member is `urn:labdb:problem:SLUG`.
    var slug: String
    /// The kind of problem, the same for every occurrence.
    var title: String
    /// This occurrence, as the command line would say it.
    var detail: String
    /// Extra members (strings, numbers, arrays) with the specifics.
    var extensions: [String: JSONValue] = [:]
    /// Extra response headers (`WWW-Authenticate`, `Retry-After`).
    var headers: [(HTTPField.Name, String)] = []

    /// The document as JSON.
    var body: String {
        var members: [String: JSONValue] = extensions
        members["type"] = .string("urn:labdb:problem:\(slug)")
        members["title"] = .string(title)
        members["status"] = .int(Int(status.code))
        members["detail"] = .string(detail)
        return JSONValue.object(members).text + "\n"
    }

    /// The response carrying this problem.
    var response: Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/problem+json"
        for (name, value) in headers { fields[name] = value }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func badRequest(_ detail: String, slug: String = "bad-request", _ extensions: [String: JSONValue] = [:]) -> Problem {
        Problem(status: .badRequest, slug: slug, title: "The request is not valid", detail: detail, extensions: extensions)
    }

    static func notFound(_ detail: String, suggestion: String? = nil) -> Problem {
        Problem(status: .notFound, slug: "not-found", title: "No such object", detail: detail,
                extensions: suggestion.map { ["suggestion": .string($0)] } ?? [:])
    }

    /// The problem for an error raised by the library layers, as the command line words it.
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as IPAMError:
            return from(ipam: error)
        case let error as ExecutionError:
            return from(execution: error)
        case let error as LabFileError:
            let problems: [JSONValue] = error.problems.map { problem in
                .object(["file": .string(problem.file), "line": problem.line.map(JSONValue.int) ?? .null,
                         "column": problem.column.map(JSONValue.int) ?? .null, "path": .string(problem.path),
                         "message": .string(problem.message)])
            }
            return Problem(status: .unprocessableContent, slug: "invalid-lab-file", title: "The lab file is not valid",
                           detail: error.description, extensions: ["problems": .array(problems)])
        case let error as ConsistencyViolation:
            let findings: [JSONValue] = error.findings.map { .object(["rule": .string($0.rule), "object": .string($0.object), "problem": .string($0.problem)]) }
            return Problem(status: .conflict, slug: "breaks-check", title: "The change would break the lab's rules",
                           detail: error.description, extensions: ["findings": .array(findings)])
        case let error as StaleImportError:
            return Problem(status: .conflict, slug: "stale-import", title: "The import would undo later changes",
                           detail: error.description, extensions: error.review.revision.map { ["revision": .int(Int($0))] } ?? [:])
        case let error as CapacityError:
            return badRequest(error.description, slug: "invalid-capacity-question")
        case let error as TokenError:
            return badRequest(error.description, slug: "invalid-token-request")
        case let error as StoreError where error.isBusy:
            return Problem(status: .serviceUnavailable, slug: "busy", title: "The database is busy",
                           detail: "another writer held the database longer than the busy timeout; retry", headers: [(.retryAfter, "1")])
        case let error as StoreError where error.isInterrupted:
            return Problem(status: .serviceUnavailable, slug: "time-limit", title: "The request ran past the time limit",
                           detail: "the request ran past the server's time limit and was stopped; nothing was changed")
        case let error as HTTPError:
            return from(http: error)
        default:
            return Problem(status: .internalServerError, slug: "internal", title: "Internal error",
                           detail: "the server could not answer this request; its log has the details")
        }
    }

    private static func from(ipam error: IPAMError) -> Problem {
        switch error {
        case .rangeExhausted(let name, let size):
            return Problem(status: .conflict, slug: "range-full", title: "The range is full", detail: error.description,
                           extensions: ["range": .string(name), "size": .string(size)])
        case .tooFewFree(let name, let free, let asked, let size):
            return Problem(status: .conflict, slug: "too-few-free", title: "The range has fewer free addresses than asked for", detail: error.description,
                           extensions: ["range": .string(name), "free": .int(free), "asked": .int(asked), "size": .string(size)])
        case .addressTaken(let address, let holder):
            return Problem(status: .conflict, slug: "address-taken", title: "The address is already allocated", detail: error.description,
                           extensions: ["address": .string(address.description), "holder": .string(holder)])
        case .unknownRange(_, let suggestion), .unknownHolder(_, let suggestion):
            return notFound(error.description, suggestion: suggestion)
        case .notAllocated:
            return Problem(status: .notFound, slug: "not-allocated", title: "The address is not allocated", detail: error.description)
        case .ambiguousHolder:
            return Problem(status: .conflict, slug: "ambiguous-name", title: "The name is ambiguous", detail: error.description)
        case .holderExists, .newServiceNamedMachine:
            return Problem(status: .conflict, slug: "name-taken", title: "The name is taken", detail: error.description)
        case .newServiceLikeExisting(_, let existing):
            return Problem(status: .conflict, slug: "name-like-existing", title: "The new name is one typo from an existing one", detail: error.description,
                           extensions: ["suggestion": .string(existing)])
        case .unknownCluster(_, let suggestion):
            return notFound(error.description, suggestion: suggestion)
        default:
            return badRequest(error.description, slug: "invalid-address-request")
        }
    }

    private static func from(execution error: ExecutionError) -> Problem {
        switch error {
        case .diagnostic(let diagnostic, let source):
            let line = diagnostic.line(in: source)
            var extensions: [String: JSONValue] = [
                "statement": .string(source), "line": .int(line), "column": .int(Problem.column(of: diagnostic.range.lowerBound, in: source)),
                "excerpt": .string(diagnostic.rendered(in: source)),
            ]
            if let hint = diagnostic.hint { extensions["hint"] = .string(hint) }
            return Problem(status: .badRequest, slug: "invalid-statement", title: "The statement is not valid",
                           detail: diagnostic.description, extensions: extensions)
        case .refused(let message):
            return Problem(status: .conflict, slug: "statement-refused", title: "The statement was refused", detail: message)
        case .timedOut(let statement, _):
            return Problem(status: .serviceUnavailable, slug: "time-limit", title: "The statement ran past the time limit",
                           detail: error.description, extensions: ["statement": .string(statement)])
        }
    }

    private static func from(http error: HTTPError) -> Problem {
        switch error.status {
        case .notFound:
            return Problem(status: .notFound, slug: "no-route", title: "No such endpoint",
                           detail: "no endpoint here; the API is described at /api/v1/openapi.json")
        case .contentTooLarge:
            return Problem(status: .contentTooLarge, slug: "body-too-large", title: "The request body is too large",
                           detail: error.body ?? "the request body is larger than the server accepts (--max-body)")
        case .methodNotAllowed:
            return Problem(status: .methodNotAllowed, slug: "method-not-allowed", title: "Method not allowed",
                           detail: "this endpoint does not take that method; see /api/v1/openapi.json")
        default:
            return Problem(status: error.status, slug: "http", title: error.status.reasonPhrase,
                           detail: error.body ?? error.status.reasonPhrase)
        }
    }

    /// The 1-based column of character `offset` on its line of `text`.
    static func column(of offset: Int, in text: String) -> Int {
        var column = 1
        for (index, character) in text.enumerated() {
            if index >= offset { break }
            column = character == "\n" ? 1 : column + 1
        }
        return column
    }
}
