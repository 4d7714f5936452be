import HTTPTypes
import Hummingbird
import LabCapacity
import LabModel
import LabOperations
import LabQuery

/// The query language over HTTP: `GET /api/v1/query?q=` runs one read statement and
/// returns what `labdb query --format json` prints; `POST /api/v1/query` also runs write
/// statements (set, add, delete, allocate, release) with a write token.
struct QueryRoutes {
    let service: LabService

    struct StatementRequest: Decodable {
        let statement: String
    }

    func register(_ api: APIRouter) {
        let service = self.service
        api.get("/api/v1/query") { request, _ in
            guard let text = request.query("q"), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw Problem.badRequest("give a statement as ?q=, e.g. ?q=vms where cluster = prod")
            }
            return try await service.pool.read { connection in
                if try QueryRoutes.isWrite(text, executor: connection.executor) {
                    throw Problem(status: .methodNotAllowed, slug: "write-over-get", title: "Write statements need POST",
                                  detail: "'\(QueryRoutes.firstWord(text))' changes the lab: send it with POST /api/v1/query and a write token",
                                  headers: [(.allow, "POST")])
                }
                return QueryRoutes.render(try connection.executor.run(text))
            }
        }
        api.post("/api/v1/query", scope: .read) { request, context in
            let body = try await Responses.body(of: request, limit: service.configuration.maxBodyBytes)
            let text: String
            if request.headers[.contentType]?.hasPrefix("application/json") == true {
                text = try Responses.decode(StatementRequest.self, from: body).statement
            } else {
                text = String(decoding: body, as: UTF8.self)
            }
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw Problem.badRequest("the body must hold a statement (text, or JSON {\"statement\": ...})")
            }
            let isWrite = try await service.pool.read { try QueryRoutes.isWrite(text, executor: $0.executor) }
            if isWrite {
                try APIRouter.authorize(context.identity, for: .write, method: .post, publicRead: false)
                return try await service.write(as: context.identity, "POST /api/v1/query: \(QueryRoutes.firstWord(text))") {
                    QueryRoutes.render(try $0.executor.run(text))
                }
            }
            return try await service.pool.read { QueryRoutes.render(try $0.executor.run(text)) }
        }
    }

    /// Whether `text` is a statement that changes the lab. Malformed statements are not:
    /// running them reports the diagnostic.
    static func isWrite(_ text: String, executor: QueryExecutor) throws -> Bool {
        if firstWord(text).lowercased() == "capacity" { return false }
        guard let bound = try? executor.bind(text) else { return false }
        if case .read = bound { return false }
        return true
    }

    static func firstWord(_ text: String) -> String {
        String(text.drop { $0.isWhitespace }.prefix { !$0.isWhitespace && $0 != ";" })
    }

    /// A result as `labdb query --format json` prints it: rows, `{"message": ...}` for a
    /// write, or the capacity document.
    static func render(_ result: ExecutionResult) -> Response {
        switch result {
        case .table(let table): return Responses.json(table)
        case .message(let message): return Responses.json(JSONValue.object(["message": .string(message)]).text + "\n")
        case .document(let document): return Responses.json(document.render(.json))
        }
    }
}
