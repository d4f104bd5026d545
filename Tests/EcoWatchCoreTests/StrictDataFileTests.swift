import Foundation
import Testing
@testable import EcoWatchCore

/// Data files refuse mistakes with one line naming file, line (and column), the nearest known
/// key, and at most 80 characters of the offending line.
@Suite struct StrictDataFileTests {
    func error(_ overrides: [String: String]) throws -> ImportError? {
        try error(bytes: overrides.mapValues { Array($0.utf8) })
    }

    func error(bytes overrides: [String: [UInt8]]) throws -> ImportError? {
        let set = try MiniDataSet()
        for (name, bytes) in overrides {
            try Data(bytes).write(to: set.directory.appendingPathComponent(name))
        }
        do {
            _ = try set.load()
            return nil
        } catch {
            return error
        }
    }

    @Test func aMistypedTaskKeyNamesLineKeyAndTheNearestKnownKey() throws {
        let tasks = MiniDataSet.files["tasks.toml"]!.replacingOccurrences(of: "deadline = \"2022-12-31\"", with: "deadlien = \"2022-12-31\"")
        let e = try #require(try error(["tasks.toml": tasks]))
        #expect(e.description == "data/tasks.toml:8: unknown key \"deadlien\" in [[task]] (did you mean \"deadline\"?) | deadlien = \"2022-12-31\"")
    }

    @Test func aMistypedMilestoneKeyAndAStrayTopLevelKeyAreRefused() throws {
        let milestone = MiniDataSet.files["tasks.toml"]!.replacingOccurrences(of: "year = 2022", with: "yaer = 2022")
        let m = try #require(try error(["tasks.toml": milestone]))
        #expect(m.line == 37)
        #expect(m.message == "unknown key \"yaer\" in [[task.milestone]] (did you mean \"year\"?)")
        let stray = try #require(try error(["tasks.toml": "tsk = 1\n" + MiniDataSet.files["tasks.toml"]!]))
        #expect(stray.line == 1)
        #expect(stray.message.hasPrefix("unknown key \"tsk\" in the file"))
        #expect(stray.message.hasSuffix("(did you mean \"task\"?)"))
    }

    @Test func aDuplicateEventNamesBothLines() throws {
        let events = MiniDataSet.files["task_events.csv"]! + "R02,2022-12-21,progress,80,,false,x,a,b\nR01,2022-06-30,progress,50,,false,市生态环境局,\"进度,过半\",Half done\n"
        let e = try #require(try error(["task_events.csv": events]))
        #expect(e.description == "data/task_events.csv:5: duplicate event: lines 2 and 5 both record R01 progress on 2022-06-30; remove one | R01,2022-06-30,progress,50,,false,市生态环境局,\"进度,过半\",Half done")
    }

    @Test func eventsThatDifferOnlyInTheirNoteAreKept() throws {
        let events = MiniDataSet.files["task_events.csv"]! + "R01,2022-06-30,progress,50,,false,市生态环境局,进度过半,Half done again\n"
        #expect(try error(["task_events.csv": events]) == nil)
    }

    @Test func invalidUTF8NamesFileLineAndByteColumn() throws {
        // Line 3 is "beilun,北仑区,…": 北 is three bytes from column 8; its second byte is broken.
        var bytes = Array(MiniDataSet.files["districts.csv"]!.utf8)
        let lineStart = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }[1] + 1
        bytes[lineStart + 8] = 0x41
        let e = try #require(try error(bytes: ["districts.csv": bytes]))
        #expect(e.file == "data/districts.csv")
        #expect(e.line == 3)
        #expect(e.column == 8)
        #expect(e.description == "data/districts.csv:3:8: invalid UTF-8: byte 0xE5 at byte column 8 (save the file as UTF-8) | beilun,\u{FFFD}A\u{FFFD}仑区,Beilun District,district,,true,800000,599")
        var theme = Array("name = \"x\"\ntext = \"#FFFFFF\" # caf".utf8)
        theme.append(0xFF)
        #expect(throws: SourceText.InvalidUTF8(line: 2, byteColumn: 23, byte: 0xFF, excerpt: "text = \"#FFFFFF\" # caf\u{FFFD}")) {
            try SourceText(bytes: theme)
        }
    }

    @Test(arguments: [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8], [0x80]] as [[UInt8]])
    func overlongSurrogateOutOfRangeTruncatedAndStrayBytesAreRefused(sequence: [UInt8]) {
        #expect(SourceText.firstInvalidByte(Array("ab".utf8) + sequence) == 2)
    }

    @Test func validUTF8OfEveryLengthIsAccepted() {
        #expect(SourceText.firstInvalidByte(Array("a é 宁 𝄞 \u{10FFFF}".utf8)) == nil)
    }

    @Test func aHugeLineIsQuotedToEightyCharacters() throws {
        let long = String(repeating: "北", count: 1_000_000)
        let observations = MiniDataSet.file("observations.csv", line: 3, with: "pm25,ningbo,2022-02," + long)
        let e = try #require(try error(["observations.csv": observations]))
        let quote = "pm25,ningbo,2022-02," + String(repeating: "北", count: 60) + "…"
        #expect(e.description == "data/observations.csv:3: column \"value\": \"" + String(repeating: "北", count: 40) + "…\" is not a number | " + quote)
        #expect(e.excerpt?.count == 81)
    }

    @Test func aHugeKeyOrNumberIsNotRepeatedWhole() throws {
        let key = String(repeating: "k", count: 1_000_000)
        let e = try #require(try error(["tasks.toml": key + "\n"]))
        #expect(e.description == "data/tasks.toml:1:1000001: expected '=' after the key " + String(repeating: "k", count: 40)
                + "… but found the end of the line | " + String(repeating: "k", count: 80) + "…")
        let number = try #require(try error(["tasks.toml": "x = 1" + String(repeating: "2", count: 100_000) + "z\n"]))
        #expect(number.message == "1" + String(repeating: "2", count: 39) + "… is not a valid number; if this is text, put it in quotes")
    }

    @Test func aSyntaxErrorInTasksNamesLineAndColumnAndQuotesTheLine() throws {
        let tasks = MiniDataSet.files["tasks.toml"]!.replacingOccurrences(of: "domain = \"air\"", with: "domain = air")
        let e = try #require(try error(["tasks.toml": tasks]))
        #expect(e.line == 5)
        #expect(e.column == 10)
        #expect(e.description.hasPrefix("data/tasks.toml:5:10: expected a value"))
        #expect(e.description.hasSuffix(" | domain = air"))
    }

    @Test func theNearestKeyIsByEditDistance() {
        #expect(editDistance("deadlien", "deadline") == 1)
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(editDistance("", "abc") == 3)
        #expect(nearestKey(to: "titel_zh", among: TaskFileParser.taskKeys) == "title_zh")
        #expect(nearestKey(to: "co_unit_en", among: TaskFileParser.taskKeys) == "co_units_en")
        #expect(nearestKey(to: "INDICATORS", among: TaskFileParser.taskKeys) == "indicators")
        #expect(nearestKey(to: "x", among: []) == nil)
    }

    @Test func theBundledSampleDataIsStrictlyValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        _ = try DataSetLoader.load(directory: root.appendingPathComponent("sample-data"), displayPath: "sample-data")
    }
}
