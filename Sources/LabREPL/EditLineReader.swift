import CEditLine
import Foundation
import LabQuery
import Synchronization

/// The completer the C completion callback reaches (a C callback cannot capture).
private let activeCompleter = Mutex<CompleterBox?>(nil)

/// Hands the completer to the completion callback. Unchecked: libedit calls the callback
/// on the thread that called `readline`, the same one that installed the completer.
private final class CompleterBox: @unchecked Sendable {
    let completer: Completer
    init(_ completer: Completer) { self.completer = completer }
}
/// Set by the SIGINT handler: Ctrl-C abandons the line instead of ending the process.
private let interruptPending = Atomic<Bool>(false)

/// Lines from a terminal through libedit: line editing, persistent history (capped) and
/// Tab completion. Only for when standard input and output are terminals.
public final class EditLineReader: LineReader {
    private let historyPath: String?
    /// History keeps at most this many lines, in memory and in the file.
    public static let historyLimit: Int32 = 1000

    /// A reader completing with `completer` and keeping history in `historyPath` (nil: none).
    public init(completer: Completer, historyPath: String?) {
        self.historyPath = historyPath
        let box = CompleterBox(completer)
        activeCompleter.withLock { $0 = box }
        // libedit keeps these pointers: give it copies that live as long as the process.
        labdb_rl_set_readline_name(strdup("labdb"))
        using_history()
        stifle_history(EditLineReader.historyLimit)
        if let historyPath {
            try? FileManager.default.createDirectory(atPath: (historyPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            read_history(historyPath)
        }
        labdb_rl_set_word_breaks(strdup(" \t\n\"'=(),;<>~!"))
        labdb_rl_set_attempted_over(1)
        labdb_rl_set_completion { text, start, end in
            labdb_rl_set_attempted_over(1)
            let word = text.map { String(cString: $0) } ?? ""
            let line = String(decoding: Array(String(cString: labdb_rl_line_buffer()).utf8.prefix(Int(end))), as: UTF8.self)
            let matches = activeCompleter.withLock { $0?.completer.completions(line: line, word: word) } ?? []
            return EditLineReader.matchArray(matches, word: word)
        }
        labdb_install_sigint { _ in interruptPending.store(true, ordering: .relaxed) }
    }

    /// The NULL-terminated, malloc'ed array readline expects: the common prefix, then the matches.
    static func matchArray(_ matches: [String], word: String) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard !matches.isEmpty else { return nil }
        // Allocated with malloc, since libedit frees the array and its strings with free().
        let raw = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (matches.count + 2))!
        let result = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: matches.count + 2)
        var common = matches[0]
        for match in matches.dropFirst() {
            while !match.lowercased().hasPrefix(common.lowercased()) { common.removeLast() }
        }
        if common.count < word.count { common = word }
        // A single match is complete: end it with a space, as readline does.
        result[0] = strdup(matches.count == 1 ? matches[0] + " " : common)
        var index = 1
        if matches.count > 1 {
            for match in matches {
                result[index] = strdup(match)
                index += 1
            }
        }
        result[index] = nil
        return result
    }

    public func readLine(prompt: String) -> LineInput {
        interruptPending.store(false, ordering: .relaxed)
        guard let pointer = readline(prompt) else {
            if interruptPending.exchange(false, ordering: .relaxed) {
                print("")
                return .interrupted
            }
            return .end
        }
        defer { free(pointer) }
        if interruptPending.exchange(false, ordering: .relaxed) { return .interrupted }
        return .line(String(cString: pointer))
    }

    public func remember(_ line: String) {
        add_history(line)
        if let historyPath { write_history(historyPath) }
    }

    /// `$XDG_DATA_HOME/labdb/history`, else `~/.local/share/labdb/history`.
    public static func defaultHistoryPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/labdb/history" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share/labdb/history"
    }
}
