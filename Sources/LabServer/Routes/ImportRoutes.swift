import Hummingbird
import LabModel

/// `POST /api/v1/import`: a lab file in the body, planned (and, unless `dry_run=true`,
/// applied in one transaction) as `labdb import` does, under the remote-import policy:
/// no DNS target commands, files or URLs, and no deletion of more than 30% of the lab
/// without `force=true`; like `labdb import`, no undoing of changes made after the file's
/// revision without `force=true`, and no write that `labdb check` would call an error.
/// The plan is in the answer either way.
struct ImportRoutes {
    let service: LabService

    func register(_ api: APIRouter) {
        let service = self.service
        api.post("/api/v1/import", scope: .admin) { request, context in
            let dryRun = try request.flag("dry_run")
            let force = try request.flag("force")
            let body = try await Responses.body(of: request, limit: service.configuration.maxBodyBytes)
            guard let text = String(validating: body, as: UTF8.self) else {
                throw Problem.badRequest("the lab file is not UTF-8 text", slug: "invalid-lab-file")
            }
            let file = try LabFileParser(file: "request body").parseFile(text)
            let lab = file.lab
            let work: @Sendable (Connection) throws -> Response = { connection in
                let database = connection.database
                let importer = LabImporter(database: database)
                return try database.transaction(dryRun ? .deferred : .immediate) {
                    let current = try Lab(database: database)
                    let plan = try importer.plan(lab)
                    if let refusal = RemoteImportPolicy().refusal(of: plan, objectCount: RemoteImportPolicy.objectCount(of: current), force: force) {
                        throw Problem(status: .conflict, slug: "import-refused", title: "The import was refused", detail: refusal,
                                      extensions: ["plan": ImportRoutes.json(plan, applied: false)])
                    }
                    // As `labdb import`: no undoing of changes made after the file's revision (or, in a
                    // file without one, of allocations made outside lab files) without force=true.
                    let review = try ImportReview(plan: plan, revision: file.revision, database: database)
                    if review.needsForce && !force {
                        var problem = Problem.from(StaleImportError(file: "the lab file", review: review))
                        problem.extensions["plan"] = ImportRoutes.json(plan, applied: false)
                        throw problem
                    }
                    if !dryRun { try importer.apply(plan) }
                    return Responses.json(ImportRoutes.json(plan, applied: !dryRun && !plan.isEmpty).text + "\n")
                }
            }
            if dryRun { return try await service.pool.read(work) }
            return try await service.write(as: context.identity, "POST /api/v1/import", work)
        }
    }

    static func json(_ plan: ImportPlan, applied: Bool) -> JSONValue {
        .object([
            "applied": .bool(applied),
            "summary": .string(plan.summary),
            "changes": .array(plan.changes.map { change in
                .object(["action": .string(change.action.rawValue), "kind": .string(change.object.kind), "key": .string(change.object.key),
                         "text": .string(change.description),
                         "fields": .array(change.fields.map { .object(["name": .string($0.name), "old": .string($0.old), "new": .string($0.new)]) })])
            }),
        ])
    }
}
