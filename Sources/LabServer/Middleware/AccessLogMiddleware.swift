import Foundation
import HTTPTypes
import Hummingbird

/// The outermost middleware: turns every error into a problem document, records the
/// request in the server's metrics, and writes one access-log line on stderr: method,
/// path (never the query string, which may carry statements or names), status,
/// milliseconds and the token's name (never the token).
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = LabRequestContext
    let service: LabService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        var response: Response
        var who = "-"
        do {
            response = try await next(request, context)
        } catch {
            response = Problem.response(for: error, request: request, databasePath: service.configuration.databasePath)
        }
        if let name = response.headers[.labdbToken] {
            who = name
            response.headers[.labdbToken] = nil
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let route = context.endpointPath ?? "unmatched"
        service.metrics.record(method: request.method.rawValue, route: route, status: Int(response.status.code), seconds: seconds)
        let line = "\(request.method) \(request.uri.path) \(response.status.code) \(String(format: "%.1f", seconds * 1000))ms \(who)\n"
        FileHandle.standardError.write(Data(line.utf8))
        return response
    }
}

extension Problem {
    /// The problem response for `error`; an unexpected error is logged (type and message,
    /// which carry no token; the database path is replaced by a placeholder) and answered
    /// 500 without details.
    static func response(for error: any Error, request: Request, databasePath: String) -> Response {
        let problem = Problem.from(error)
        if problem.status == .internalServerError {
            let message = "\(type(of: error)): \(error)".replacingOccurrences(of: databasePath, with: "<database>")
            FileHandle.standardError.write(Data("labdb serve: error in \(request.method) \(request.uri.path): \(message)\n".utf8))
        }
        return problem.response
    }
}

extension HTTPField.Name {
    /// An internal header that carries the token's name from the authentication middleware
    /// to the access log; removed before the response leaves.
    static let labdbToken = HTTPField.Name("X-Labdb-Token-Name")!
    /// `Idempotency-Key` on an allocating request.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// `Idempotent-Replayed: true` on an answer replayed for a retried key.
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}
