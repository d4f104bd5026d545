/// The known key nearest to a mistyped one, by edit distance (insertions, deletions,
/// substitutions and swaps of two neighbouring characters each count one), so an error can
/// say "did you mean …". Ties go to the earlier key in `known`.
public func nearestKey(to key: String, among known: [String]) -> String? {
    // A key far longer than any known one is no typo of it; measuring it all would only cost.
    let typed = String(key.prefix(64)).lowercased()
    var best: (key: String, distance: Int)?
    for candidate in known {
        let d = editDistance(typed, candidate.lowercased())
        if best == nil || d < best!.distance { best = (candidate, d) }
    }
    return best?.key
}

/// `unknown key "deadlien" (did you mean "deadline"?)`: the message every strict file
/// reader gives for a key it does not know.
public func unknownKeyMessage(_ key: String, in place: String, known: [String]) -> String {
    let head = "unknown key " + SourceText.quoted(key) + (place.isEmpty ? "" : " in " + place)
    guard let nearest = nearestKey(to: key, among: known) else { return head }
    return head + " (did you mean \"\(nearest)\"?)"
}

/// Optimal-string-alignment distance between two strings, counted in characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], before[j - 2] + 1)
            }
        }
        (before, previous, current) = (previous, current, before)
    }
    return previous[b.count]
}
