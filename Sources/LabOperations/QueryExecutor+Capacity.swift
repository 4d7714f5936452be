import LabCapacity

extension QueryExecutor {
    /// Answers a `capacity` statement with the sections `labdb capacity` prints.
    func run(_ statement: CapacityStatement) throws(ExecutionError) -> ExecutionResult {
        let views = CapacityViews(database: database)
        do {
            let limits = try CapacityLimits(environment: capacityEnvironment)
            try limits.validate()
            switch statement {
            case .report(let host):
                return .document(try views.report(host: host, limits: limits).document())
            case .fit(let words):
                return .document(try views.fit(try FitRequest(words: words), limits: limits).document())
            }
        } catch let error as CapacityError {
            throw .refused(error.description)
        } catch {
            throw .refused("\(error)")
        }
    }
}
