import CMalloc

/// How freed large blocks go back to the system, for commands that hold a whole lab.
///
/// glibc maps a block of 128 KiB or more on its own and unmaps it when it is freed, but once
/// such a block has been freed it raises that threshold to the block's size (up to 32 MiB)
/// and serves later large blocks from its heap, which keeps what is freed. An import frees
/// its YAML tree (about three times the file) before it loads the database's lab and plans,
/// so the plan's blocks then grew the heap instead: 2.5 MB more peak memory on a 4 MiB file.
/// A fixed threshold keeps every large block mapped on its own.
enum LargeBlockPolicy {
    /// Keeps blocks of 128 KiB or more out of the heap for the rest of the process.
    static func returnLargeBlocksToTheSystem() {
        _ = labdb_fix_mmap_threshold(128 * 1024)
    }
}
