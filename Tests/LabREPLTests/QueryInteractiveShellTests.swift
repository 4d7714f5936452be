import LabOperations
import Foundation
import Testing

/// Drives the real shell in a tmux pseudo-terminal: keys in, screen out.
final class TmuxSession {
    let socket = "labdb-test-\(UUID().uuidString.prefix(8))"
    let name = "shell"

    init(command: String) throws {
        try tmux(["new-session", "-d", "-s", name, "-x", "160", "-y", "50", command])
    }

    /// Runs tmux through popen: Foundation's Process leaves descriptors that the forked tmux
    /// server inherits and keeps open, so a read to the end never ends.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let quoted = (["tmux", "-L", socket] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        guard let pipe = popen(quoted.joined(separator: " ") + " 2>/dev/null", "r") else { throw TmuxError() }
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, pipe)
            if count <= 0 { break }
            output += buffer[0..<count]
        }
        pclose(pipe)
        return String(decoding: output, as: UTF8.self)
    }

    struct TmuxError: Error {}

    /// Types `text` literally (no key names).
    func type(_ text: String) throws {
        // tmux reads a trailing ; as its own command separator unless escaped.
        try tmux(["send-keys", "-t", name, "-l", text.hasSuffix(";") ? text.dropLast() + "\\;" : text])
    }
    /// Presses named keys: Enter, Tab, C-c, Up.
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    var isRunning: Bool { (try? tmux(["list-sessions"]))?.contains(name + ":") ?? false }

    /// Waits up to `seconds` (twenty by default) for the screen to satisfy `condition`;
    /// returns the last screen. (Generous: a loaded CI machine can stall the shell for seconds; a passing
    /// wait returns as soon as the screen shows what it waits for.)
    @discardableResult
    func wait(seconds: Double = 20, for condition: (String) -> Bool) throws -> String {
        var last = ""
        for _ in 0..<Int(seconds * 20) {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return last
    }

    func waitUntilGone() {
        for _ in 0..<400 where isRunning { Thread.sleep(forTimeInterval: 0.05) }
    }

    deinit {
        _ = try? tmux(["kill-server"])
    }
}

@Suite("Query shell in a terminal (tmux)", .serialized)
struct QueryInteractiveShellTests {
    @Test("Tab completes fields and names, Ctrl-C drops the line, statements continue over lines, history survives a restart")
    func interactiveSession() throws {
        let lab = try ShellTestLab()
        defer { lab.remove() }
        let data = lab.folder.appendingPathComponent("xdg").path
        let command = "env XDG_DATA_HOME=\(data) TERM=xterm \(ShellTestLab.binary) --db \(lab.databasePath)"

        let first = try TmuxSession(command: command)
        // capture-pane drops trailing blanks: the prompt reads "labdb>".
        #expect(try first.wait { $0.contains("labdb>") }.contains("labdb>"))
        try first.type("vms where na")
        try first.press("Tab")
        #expect(try first.wait { $0.contains("vms where name") }.contains("vms where name"), "Tab completes the field")
        try first.type("= gitl")
        try first.press("Tab")
        // This completion is the first read of the database by the shell. In two of the
        // session's clean-clone CI runs (never in isolation) it did not appear: if it has not
        // within 10 s, press Tab again, as a person would, and still require the completion.
        // Spaces collapsed: one clean-clone CI run showed the line as "name  = gitlab" (a
        // redraw under load, not reproduced alone); what matters here is the completed name.
        let hasGitlab = { (screen: String) in screen.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ").contains("name = gitlab") }
        var completed = try first.wait(seconds: 10, for: hasGitlab)
        if !hasGitlab(completed) {
            try first.press("Tab")
            completed = try first.wait(for: hasGitlab)
        }
        #expect(hasGitlab(completed), "Tab completes a VM name from the database; the screen: \(completed)")
        try first.press("C-c")
        try first.type("zones select name;")
        try first.press("Enter")
        let afterCancel = try first.wait { $0.contains("mathiaswouters.com") }
        #expect(afterCancel.contains("mathiaswouters.com"))
        #expect(!afterCancel.contains("error"), "the cancelled line was not run: \(afterCancel)")
        try first.type("clusters")
        try first.press("Enter")
        #expect(try first.wait { $0.contains("   ...>") }.contains("   ...>"), "a statement without ; continues")
        try first.type("count;")
        try first.press("Enter")
        #expect(try first.wait { $0.contains("count\n-----\n    3") }.contains("count\n-----\n    3"))
        try first.type(".quit")
        try first.press("Enter")
        first.waitUntilGone()
        #expect(!first.isRunning)

        let history = try String(contentsOfFile: data + "/labdb/history", encoding: .utf8)
        #expect(history.contains("zones"))
        #expect(!history.contains("gitlab"), "the cancelled line is not in history")

        let second = try TmuxSession(command: command)
        try second.wait { $0.contains("labdb>") }
        try second.press("Up", "Up", "Up", "Up")
        #expect(try second.wait { $0.contains("labdb> zones select name;") }.contains("labdb> zones select name;"), "history from the first session")
        try second.press("Enter")
        #expect(try second.wait { $0.contains("(1 row)") }.contains("mathiaswouters.com"))
        try second.press("C-d")
        second.waitUntilGone()
        #expect(!second.isRunning, "Ctrl-D leaves the shell")
    }
}
