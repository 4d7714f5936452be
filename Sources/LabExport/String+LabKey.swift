extension String {
    /// The case-insensitive key of a labdb name. Names are ASCII (the schema's CHECKs),
    /// so folding A-Z is enough, and far cheaper than Unicode `lowercased()`.
    var labKey: String {
        guard utf8.contains(where: { $0 >= 65 && $0 <= 90 }) else { return self }
        return String(decoding: utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
