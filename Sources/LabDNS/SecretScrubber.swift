import Foundation

/// Removes a secret from text that may reach a message.
struct SecretScrubber {
    let secret: String

    func scrub(_ text: String) -> String {
        guard secret.count >= 1 else { return text }
        return text.replacingOccurrences(of: secret, with: "***")
    }
}
