import Foundation

/// A shell script run as the leader of its own process group, so that a test can kill it
/// and everything it started (Litestream, `labdb serve`, CLI loops) with one SIGKILL, the
/// way a power cut or an OOM kill would end them.
final class ProcessGroup: @unchecked Sendable {
    let pid: pid_t
    private var reaped = false

    /// Starts `/bin/sh -c script` with `environment`; output goes to `logPath`.
    init(script: String, environment: [String: String], logPath: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))
        let words: [String] = ["/bin/sh", "-c", script]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        guard status == 0 else { throw ReplicaTestError("cannot start /bin/sh: \(status)") }
        self.pid = pid
    }

    /// SIGKILL to the whole group, then reaps the leader.
    func killGroup() {
        kill(-pid, SIGKILL)
        reap()
    }

    /// SIGTERM to the group (a clean stop: Litestream ships what is left), bounded to 20 s.
    func terminateGroup() {
        kill(-pid, SIGTERM)
        let deadline = Date().addingTimeInterval(20)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { reaped = true; return }
            usleep(20_000)
        }
        killGroup()
    }

    private func reap() {
        guard !reaped else { return }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        reaped = true
    }

    deinit {
        if !reaped { killGroup() }
    }
}
