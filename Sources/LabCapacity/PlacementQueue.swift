/// A max-heap of candidate hosts for placement, ordered by (VMs of the shape the host can
/// still take, RAM headroom, earlier position first), so each placement costs O(log hosts).
struct PlacementQueue {
    struct Entry {
        var fits: Int
        var ramHeadroom: Int64
        var index: Int

        /// Whether `self` should be chosen before `other`.
        func precedes(_ other: Entry) -> Bool {
            if fits != other.fits { return fits > other.fits }
            if ramHeadroom != other.ramHeadroom { return ramHeadroom > other.ramHeadroom }
            return index < other.index
        }
    }

    private var heap: [Entry] = []

    init(_ entries: [Entry]) {
        for entry in entries { push(entry) }
    }

    mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the entry to place on next.
    mutating func pop() -> Entry? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < heap.count, heap[left].precedes(heap[best]) { best = left }
            if right < heap.count, heap[right].precedes(heap[best]) { best = right }
            if best == parent { break }
            heap.swapAt(parent, best)
            parent = best
        }
        return top
    }
}
