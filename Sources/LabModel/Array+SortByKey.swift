extension Array {
    /// Sorts by `key`, computed once per element; equal keys keep their order.
    mutating func sort(byKey key: (Element) -> String) {
        guard count > 1 else { return }
        let keys = map(key)
        let order = indices.sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
        self = order.map { self[$0] }
    }
}
