/// Some items of an array, named by position: they share the array's storage instead of
/// being copied (an import plan's creates are most of a large lab file's objects).
struct PickedItems<Element: Sendable>: RandomAccessCollection, Sendable {
    private let all: [Element]
    private let positions: [Int]

    /// The items of `all` at `positions`, in that order.
    init(_ all: [Element], positions: [Int]) {
        self.all = all
        self.positions = positions
    }

    /// No items.
    init() { self.init([], positions: []) }

    var startIndex: Int { 0 }
    var endIndex: Int { positions.count }
    subscript(position: Int) -> Element { all[positions[position]] }
}
