/// The two languages the console speaks.
public enum Language: String, CaseIterable, Sendable, Codable {
    case zh, en

    /// Chinese when `LANG` (or `LC_ALL`) starts with `zh`, English otherwise.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        let value = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LANG"] ?? ""
        return value.lowercased().hasPrefix("zh") ? .zh : .en
    }
}

/// A text in both languages; every name a user reads has one.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public subscript(language: Language) -> String {
        switch language {
        case .zh: zh.isEmpty ? en : zh
        case .en: en.isEmpty ? zh : en
        }
    }

    /// True when either language's text contains `needle`, ignoring case.
    public func matches(_ needle: String) -> Bool {
        zh.localizedCaseInsensitiveContains(needle) || en.localizedCaseInsensitiveContains(needle)
    }
}
