import Foundation

/// One command run as a process, its standard output read to the end as a consumer such as
/// Ansible reads it, for timing one run at a time (so that runs can alternate with a baseline).
/// Spawned with posix_spawn and reaped with waitpid: Foundation's `Process.waitUntilExit()`
/// polls its run loop and added up to ~50 ms a run, the harness's time, not the command's.
final class ProcessTimer {
    let command: [String]
    /// The bytes the first (warm-up) run wrote.
    private(set) var bytes = 0
    private let variables: [String]
    /// One buffer for every run, touched once before timing (its page faults are not the command's).
    private var output = [UInt8](repeating: 0, count: 16 << 20)

    /// Prepares `command` with `environment` added to this process's, and runs it once untimed (a warm-up).
    init(_ command: [String], environment: [String: String]) throws {
        self.command = command
        variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        bytes = try run()
    }

    /// Runs the command once; returns the byte count of its standard output. Throws unless it exits 0.
    @discardableResult
    func run() throws -> Int {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw BenchFailure("cannot make a pipe (errno \(errno))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        posix_spawn_file_actions_addclose(&actions, ends[1])
        let argv = command.map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
        close(ends[1])
        guard spawned == 0 else { close(ends[0]); throw BenchFailure("cannot run \(command[0]) (error \(spawned))") }
        let count = readToEnd(ends[0])
        close(ends[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // 0 is a normal exit with status 0.
        guard status == 0 else { throw BenchFailure("\(command.joined(separator: " ")) failed (wait status \(status))") }
        return count
    }

    /// Reads `descriptor` to its end into the buffer (grown when needed) in 1 MiB reads and
    /// returns the byte count, as a consumer that keeps the output would (Python's
    /// `subprocess` reads in large blocks too).
    private func readToEnd(_ descriptor: Int32) -> Int {
        var count = 0
        while true {
            if count == output.count { output.append(contentsOf: repeatElement(0, count: output.count)) }
            let read = output.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, min(1 << 20, $0.count - count)) }
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else { return count }
            count += read
        }
    }
}
