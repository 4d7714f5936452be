extension Array {
    /// Sorts by `key`, computed once per element; equal keys keep their order. A list that is
    /// already in order is left as it is, sharing its storage (a copy of a loaded lab's
    /// lists would otherwise be made only to put them in the order they are in).
    mutating func sort(byKey key: (Element) -> String) {
        guard count > 1 else { return }
        let keys = map(key)
        if !zip(keys, keys.dropFirst()).contains(where: { $0 > $1 }) { return }
        let order = indices.sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
        self = order.map { self[$0] }
    }

    /// Sorts by `areInIncreasingOrder` unless the list is already in that order, in which
    /// case its storage stays shared.
    mutating func sortIfNeeded(by areInIncreasingOrder: (Element, Element) -> Bool) {
        guard zip(self, dropFirst()).contains(where: { areInIncreasingOrder($1, $0) }) else { return }
        sort(by: areInIncreasingOrder)
    }
}
