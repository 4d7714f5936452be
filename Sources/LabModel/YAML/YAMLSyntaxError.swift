/// Why a file is not one well-formed YAML document, and where.
struct YAMLSyntaxError: Error {
    let message: String
    let mark: YAMLMark?
}
