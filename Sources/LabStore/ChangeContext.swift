import Glibc

/// Who is writing and with which command: recorded once per transaction as a change set,
/// to which the history triggers of migration 0004 attach every changed row.
public struct ChangeContext: Sendable, Hashable {
    /// The operating-system user (with the sudo caller when there is one).
    public var user: String
    /// The command line or statement that made the change, with secret values masked.
    public var command: String

    /// A context for `user` running `command`.
    public init(user: String, command: String) {
        self.user = user
        self.command = command
    }

    /// The context of this process: its OS user and `arguments` (argv) joined, secrets masked.
    public static func commandLine(_ arguments: [String], environment: [String: String] = [:]) -> ChangeContext {
        ChangeContext(user: currentUser(environment: environment), command: maskedCommand(arguments))
    }

    /// The login name of the effective user, e.g. `root (sudo by alice)`.
    public static func currentUser(environment: [String: String] = [:]) -> String {
        var name = "uid \(geteuid())"
        if let entry = getpwuid(geteuid()), let login = entry.pointee.pw_name {
            name = String(cString: login)
        }
        if let caller = environment["SUDO_USER"], !caller.isEmpty, caller != name {
            name += " (sudo by \(caller))"
        }
        return name
    }

    /// Words that mark a flag whose value must never be stored.
    static let secretWords = ["token", "password", "passwd", "secret", "key", "credential", "auth"]

    /// `arguments` joined with spaces (quoted where needed); the value of any flag named
    /// like a secret (`--api-token X`, `--password=X`) is replaced by `***`.
    public static func maskedCommand(_ arguments: [String]) -> String {
        var words: [String] = []
        var maskNext = false
        for argument in arguments {
            if maskNext {
                words.append("***")
                maskNext = false
                continue
            }
            if argument.hasPrefix("-") {
                let flag = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
                let isSecret = secretWords.contains { flag.lowercased().contains($0) }
                if isSecret, argument.contains("=") {
                    words.append(flag + "=***")
                    continue
                }
                maskNext = isSecret
            }
            words.append(quoted(argument))
        }
        // Concatenated by hand: the generic `joined(separator:)` cost a scan of every protocol
        // conformance in the binary on each command's start (about 0.3 ms).
        var command = ""
        for word in words {
            if !command.isEmpty { command += " " }
            command += word
        }
        return command
    }

    static func quoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@,+%".contains($0) }
        guard !plain else { return word }
        // Built by hand: the generic `joined()` cost a scan of every protocol conformance in
        // the binary on each command's start (about 0.3 ms).
        var quoted = "'"
        for character in word {
            if character == "'" { quoted += "'\\''" } else { quoted.append(character) }
        }
        return quoted + "'"
    }
}
