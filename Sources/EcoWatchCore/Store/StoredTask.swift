import Foundation

/// A task as stored by every back end: its lists as one JSON document (sorted keys, so the
/// same task is always the same text).
public struct StoredTask: Codable {
    struct Text: Codable { var zh: String; var en: String }
    struct StoredMilestone: Codable { var year: Int; var description: Text }
    var id: String
    var title: Text
    var domain: String
    var horizon: String
    var start: String
    var deadline: String?
    var target: Text
    var measures: [Text]
    var leadUnit: Text
    var coUnits: [Text]
    var districts: [String]
    var indicators: [String]
    var milestones: [StoredMilestone]

    init(_ t: RectificationTask) {
        func text(_ l: LocalizedText) -> Text { Text(zh: l.zh, en: l.en) }
        id = t.id
        title = text(t.title)
        domain = t.domain.rawValue
        horizon = t.horizon.rawValue
        start = t.start.description
        deadline = t.deadline?.description
        target = text(t.target)
        measures = t.measures.map(text)
        leadUnit = text(t.leadUnit)
        coUnits = t.coUnits.map(text)
        districts = t.districtIDs
        indicators = t.indicatorIDs
        milestones = t.milestones.map { StoredMilestone(year: $0.year, description: text($0.description)) }
    }

    /// The JSON document of `task`.
    public static func json(_ task: RectificationTask) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(StoredTask(task)), as: UTF8.self)
    }

    /// The task in `json` (the `body` of task `id`); a document that does not decode, or holds
    /// a domain, horizon or date no version wrote, is an error naming the task.
    public static func task(fromJSON json: String, id: String, location: String) throws(StoreError) -> RectificationTask {
        let stored: StoredTask
        do {
            stored = try JSONDecoder().decode(StoredTask.self, from: Data(json.utf8))
        } catch {
            throw .unreadableRow(location: location, table: "task", detail: "task \(id): \(error)")
        }
        guard let task = stored.task else {
            throw .unreadableRow(location: location, table: "task", detail: "task \(id): unknown domain, horizon or date")
        }
        return task
    }

    private var task: RectificationTask? {
        func text(_ t: Text) -> LocalizedText { LocalizedText(zh: t.zh, en: t.en) }
        guard let domain = Domain(rawValue: domain), let horizon = Horizon(rawValue: horizon), let start = Day(iso: start) else {
            return nil
        }
        var due: Day?
        if let deadline {
            guard let day = Day(iso: deadline) else { return nil }
            due = day
        }
        return RectificationTask(
            id: id, title: text(title), domain: domain,
            horizon: horizon, start: start,
            deadline: due, target: text(target), measures: measures.map(text),
            leadUnit: text(leadUnit), coUnits: coUnits.map(text), districtIDs: districts, indicatorIDs: indicators,
            milestones: milestones.map { Milestone(year: $0.year, description: text($0.description)) })
    }
}
