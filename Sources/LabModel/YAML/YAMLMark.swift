/// Where something is in a lab file: line and column, both from 1 (columns count
/// characters, as libyaml does).
struct YAMLMark: Equatable, Sendable {
    let line: Int
    let column: Int
}
