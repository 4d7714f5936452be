/// The API's OpenAPI 3.1 description: `docs/openapi.json`, compiled in by the EmbedOpenAPI
/// plugin. A test checks that it names every route the server answers, and no other.
public enum OpenAPIDocument {
    /// The document's JSON text.
    public static let text = embeddedOpenAPIDocument
}
