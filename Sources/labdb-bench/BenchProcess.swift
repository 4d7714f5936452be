import Foundation

/// One run of a child process, as a user runs it: its wall time and its peak memory.
struct BenchProcess {
    /// Wall time from spawning to reaping, in milliseconds.
    let milliseconds: Double
    /// The child's peak resident set size (its own ru_maxrss, as GNU time reports it), in bytes.
    let peakBytes: Int

    /// Runs `executable` (a path, or a name looked up on PATH) to its end, standard input
    /// from `input` (a file) and standard output to `output` (a file, created or
    /// truncated), standard error to /dev/null; throws when it fails. Started through
    /// `/usr/bin/time -f %M`, which forks: posix_spawn's vfork-style start would count this
    /// benchmark's own memory (the generated lab) as the child's peak. Both sides of every
    /// comparison pay the same extra exec.
    static func run(_ executable: String, _ arguments: [String], input: String = "/dev/null", output: String = "/dev/null") throws -> BenchProcess {
        let memoryReport = FileManager.default.temporaryDirectory.appendingPathComponent("labdb-bench-maxrss-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: memoryReport) }
        let timed = try time("/usr/bin/time", ["-f", "%M", "-o", memoryReport, executable] + arguments, input: input, output: output)
        let kibibytes = (try? String(contentsOfFile: memoryReport, encoding: .utf8))?
            .split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
        return BenchProcess(milliseconds: timed, peakBytes: kibibytes * 1024)
    }

    /// Spawns `executable` (standard input from `input`, output to `output`, errors to
    /// /dev/null) and waits for it; its wall time in milliseconds. Throws unless it exits 0.
    static func time(_ executable: String, _ arguments: [String], input: String = "/dev/null", output: String = "/dev/null") throws -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = BenchClock.now()
        let rc = posix_spawnp(&pid, executable, &actions, nil, argv, environ)
        guard rc == 0 else { throw BenchFailure("cannot start \(executable): error \(rc)") }
        var status: Int32 = 0
        guard waitpid(pid, &status, 0) == pid else { throw BenchFailure("lost \(executable) (waitpid failed)") }
        let elapsed = Double(BenchClock.now() - start) / 1e6
        guard status == 0 else { throw BenchFailure("\(arguments.joined(separator: " ")) failed (status \(status))") }
        return elapsed
    }
}
