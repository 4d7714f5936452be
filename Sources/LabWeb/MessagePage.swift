/// A page that says one thing: not found (with did-you-mean), or the token form.
public enum MessagePage {
    /// The 404 page.
    public static func notFound(_ message: String, suggestion: (label: String, href: String)?) -> String {
        var html = HTML()
        html.element("h1", "Not found")
        html.element("p", message)
        if let suggestion {
            html.raw("<p>Did you mean ")
            html.link(suggestion.href, suggestion.label)
            html.raw("?</p>")
        }
        return PageLayout.page(title: "Not found", api: nil, body: html)
    }

    /// The form that takes a read token once and keeps it in a cookie.
    public static func tokenForm(next: String, problem: String?) -> String {
        var html = HTML()
        html.element("h1", "A read token, please")
        html.element("p", "This labdb needs a token to read (create one with `labdb token create NAME --scope read`). It is kept in a cookie for this site only.")
        if let problem {
            html.raw("<pre class=\"error\" role=\"alert\">")
            html.text(problem)
            html.raw("</pre>")
        }
        html.raw("<form class=\"query\" method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"next\" value=\"\(HTML.escape(next))\">")
        html.raw("<input type=\"password\" name=\"token\" aria-label=\"token\" autocomplete=\"off\" required style=\"flex:1 1 320px;padding:.4rem\"><button type=\"submit\">Open</button></form>")
        return PageLayout.page(title: "Token", api: nil, body: html)
    }
}
