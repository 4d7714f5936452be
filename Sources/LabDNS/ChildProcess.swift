import Foundation

/// A child process started with `posix_spawn`: an empty signal mask (a server started
/// from a thread that blocks signals must still stop on SIGTERM), standard output to a
/// file or /dev/null, and a blocking `waitpid`.
public struct ChildProcess: Sendable {
    /// Its process id.
    public let pid: pid_t

    /// Starts `arguments[0]` (a path) with the rest as its arguments; standard output and
    /// error go to the given files (else /dev/null); `environment` replaces the inherited one.
    public init(_ arguments: [String], outputPath: String? = nil, errorPath: String? = nil, environment: [String: String]? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { for pointer in envp ?? [] { free(pointer) } }
        var pid: pid_t = 0
        let status = envp.map { posix_spawn(&pid, arguments[0], &actions, &attributes, argv, $0) }
            ?? posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard status == 0 else { throw ChildProcessError(program: arguments[0], code: status) }
        self.pid = pid
    }

    /// Waits for the process to end; returns its exit status (128 + signal when killed).
    @discardableResult
    public func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if status & 0x7f == 0 { return (status >> 8) & 0xff }
        return 128 + (status & 0x7f)
    }

    /// Sends `signal` to the process.
    public func signal(_ signal: Int32) { kill(pid, signal) }

    /// Whether the process has ended (and reaps it if so).
    public func hasEnded() -> Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid
    }

    /// Runs `command` with /bin/sh and waits; returns the exit status (127 when it cannot start).
    public static func shell(_ command: String) -> Int32 {
        guard let child = try? ChildProcess(["/bin/sh", "-c", command]) else { return 127 }
        return child.wait()
    }
}

/// A program could not be started.
public struct ChildProcessError: Error, CustomStringConvertible {
    public let program: String
    public let code: Int32
    public var description: String { "cannot start \(program): \(String(cString: strerror(code)))" }
}
