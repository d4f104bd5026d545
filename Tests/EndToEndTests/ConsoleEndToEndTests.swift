import Foundation
import Testing

/// The real `ecowatch` binary in a real terminal (tmux), driven as a person drives it.
@Suite("console end to end", .enabled(if: Tmux.isInstalled, "tmux is not installed"), .serialized)
struct ConsoleEndToEndTests {
    /// A fresh database for each test, filled from the bundled sample data on first use.
    func console(_ arguments: [String], width: Int = 100, height: Int = 30,
                 environment: [String: String] = [:]) throws -> (Tmux, String) {
        let binary = try #require(EcoWatchBinary.url(), "build the executable first (swift build)")
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-e2e-\(UUID().uuidString).sqlite").path
        let root = try #require(EcoWatchBinary.packageRoot())
        let tmux = try Tmux(width: width, height: height,
                            command: [binary.path, "--db", database, "--data", root.appendingPathComponent("sample-data").path] + arguments,
                            environment: environment)
        return (tmux, database)
    }

    @Test func drillsIntoADistrictAndBackResizesAndQuitsRestoringTheTerminal() throws {
        let (tmux, _) = try console(["--lang", "en", "--as-of", "2023-01-15"])
        defer { tmux.kill() }
        try tmux.waitUntil("the overview as of 2023-01-15") {
            $0.contains("6 Districts") && $0.contains("as of 2023-01-15") && $0.contains("1 Air")
        }

        // Focus the districts pane (the map starts on Cixi) and drill down.
        try tmux.sendKeys("6")
        try tmux.sendKeys("Enter")
        try tmux.waitUntil("Cixi's screen with its stations") {
            $0.contains("Overview › Cixi City") && $0.contains("Stations")
        }

        // Back up one level.
        try tmux.sendKeys("Escape")
        try tmux.waitUntil("the overview again") { breadcrumb($0) == "Overview" }

        // The overdue browser from anywhere, then back.
        try tmux.sendKeys("o")
        try tmux.waitUntil("the overdue browser listing R05") {
            $0.contains("Overview › Overdue tasks") && $0.contains("R05")
        }
        try tmux.sendKeys("Escape")
        _ = try tmux.waitUntil("the overview again") { breadcrumb($0) == "Overview" }

        // Resize smaller than drawable, then back: the console follows and still answers q.
        try tmux.resize(width: 30, height: 8)
        _ = try tmux.waitFor("Window too small", timeout: 10)
        try tmux.resize(width: 120, height: 40)
        try tmux.waitFor("6 Districts")
        #expect(try tmux.paneSize() == (width: 120, height: 40))

        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }

    /// The district page's panes in the real terminal: Tab moves the heavy border, Enter opens
    /// the task and the station under the cursor, Esc comes back to the pane.
    @Test func tabReachesEveryPaneOfADistrictAndEnterOpensWhatIsThere() throws {
        let (tmux, _) = try console(["--lang", "en", "--as-of", "2023-01-15"], width: 100, height: 30)
        defer { tmux.kill() }
        _ = try tmux.waitFor("6 Districts")
        try tmux.sendKeys("6")
        try tmux.sendKeys("Enter")
        _ = try tmux.waitUntil("Cixi's page, indicators in focus") { $0.contains("┏━ Cixi City") && $0.contains("┌─ Tasks") }
        try tmux.sendKeys("Tab")
        _ = try tmux.waitUntil("the tasks pane in focus") { $0.contains("┏━ Tasks") && $0.contains("┌─ Cixi City") }
        try tmux.sendKeys("Enter")
        _ = try tmux.waitUntil("a task of Cixi's") { breadcrumb($0).hasPrefix("Overview › Cixi City › R") }
        try tmux.sendKeys("Escape")
        _ = try tmux.waitUntil("back on the tasks pane") { $0.contains("┏━ Tasks") }
        try tmux.sendKeys("Tab")
        _ = try tmux.waitUntil("the stations pane in focus") { $0.contains("┏━ Stations") }
        try tmux.sendKeys("Enter")
        let station = try tmux.waitUntil("a station of Cixi's") { breadcrumb($0).split(separator: "›").count == 3 && !$0.contains("┏━ Stations") }
        #expect(breadcrumb(station).hasPrefix("Overview › Cixi City › "))
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test func chineseLabelsLineUpInTheRealTerminal() throws {
        let (tmux, _) = try console(["--lang", "zh", "--as-of", "2023-01-15"], width: 120, height: 40)
        defer { tmux.kill() }
        _ = try tmux.waitFor("区县")
        try tmux.sendKeys("o")
        // Wait for the whole table (a capture can catch a frame half drawn).
        func deadlineRows(_ screen: String) -> [String] {
            // The table's rows: above the rule over the selected row's detail.
            screen.split(separator: "\n").map(String.init).prefix(while: { !$0.contains("┃──") })
                .filter { $0.contains("2022-12-31") || $0.contains("2021-12-31") }
        }
        let screen = try tmux.waitUntil("the overdue table") { $0.contains("总览 › 逾期任务") && deadlineRows($0).count >= 5 }
        // Every deadline in the overdue table starts in the same terminal column.
        let lines = deadlineRows(screen)
        let columns = Set(lines.compactMap { line -> Int? in
            guard let range = line.range(of: "-12-31") else { return nil }
            return columnWidth(String(line[line.startIndex..<range.lowerBound]))
        })
        #expect(columns.count == 1)
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test func sigtermEndsTheConsoleCleanly() throws {
        let (tmux, database) = try console(["--lang", "en"])
        defer { tmux.kill() }
        _ = try tmux.waitFor("6 Districts")
        // SIGTERM to the console itself (as a service manager would send it).
        let kill = Process()
        kill.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        kill.arguments = ["pkill", "-TERM", "-f", "^/[^ ]*/ecowatch --db " + database]
        try kill.run()
        kill.waitUntilExit()
        // Ended by the signal after restoring the terminal: the shell sees 128 + 15.
        #expect(try tmux.waitForExit() == 143)
    }

    @Test func meetingModeRotatesUnderTheKPIStripAndAnyKeyPauses() throws {
        let (tmux, _) = try console(["--lang", "en", "--kiosk", "--playlist", "overview,overdue", "--interval", "1",
                                     "--replay", "2021-01..2022-12"], width: 120, height: 40)
        defer { tmux.kill() }
        var screen = try tmux.waitUntil("the KPI strip") { $0.contains("Tasks done") && $0.contains("PM2.5 annual mean") }
        #expect(!screen.contains("? help"))          // no key hints in meeting mode
        screen = try tmux.waitFor("Overdue tasks", timeout: 10)
        // The replay moved the as-of day on to a later month.
        #expect(!screen.contains("2021-02-01"))
        try tmux.sendKeys("Space")
        _ = try tmux.waitFor("paused")
        try tmux.sendKeys("Escape")
        _ = try tmux.waitFor("EcoWatch Ningbo")      // the normal console's header is back
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }

    /// Watches the screen for `seconds` and fails if it changes: a frame that should hold.
    func expectHolds(_ tmux: Tmux, for seconds: TimeInterval, _ what: String) throws {
        let first = try tmux.capture()
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let now = try tmux.capture()
            #expect(now == first, "\(what) moved:\n\(first)\n---\n\(now)")
            if now != first { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// `--kiosk` with no playlist: the tour moves view by view (overview, overdue tasks, each
    /// district, the stations, the missed targets); t and L change theme and language and the
    /// tour goes on; another key pauses and the screen holds; Esc leaves; q quits.
    @Test func meetingModeWithNoPlaylistToursEveryViewAndTAndLKeepItGoing() throws {
        let (tmux, _) = try console(["--lang", "en", "--kiosk", "--interval", "1"])
        defer { tmux.kill() }
        try tmux.waitUntil("the tour's first view") { $0.contains("1/18") && $0.contains("1 Air") }
        try tmux.waitUntil("the overdue tasks") { $0.contains("2/18") && $0.contains("Overdue tasks") }
        try tmux.waitUntil("a district") { $0.contains("3/18") && $0.contains("Stations") }
        try tmux.sendKeys("t")
        try tmux.sendKeys("L")
        // The tour goes on, in Chinese.
        try tmux.waitUntil("the tour going on in Chinese") { $0.contains("5/18") && $0.contains("截至") }
        try tmux.waitUntil("the missed targets, last", timeout: 30) { $0.contains("18/18") && $0.contains("未达标目标") }
        try tmux.waitUntil("the tour starting again") { $0.contains("1/18") && $0.contains("1 大气") }
        try tmux.sendKeys("x")
        _ = try tmux.waitFor("已暂停")
        try expectHolds(tmux, for: 3, "the paused tour")
        try tmux.sendKeys("Escape")
        _ = try tmux.waitFor("宁波生态整改监测台")
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }

    /// `--replay`: each month labelled with itself, then a closing frame that holds until a
    /// key, which tells the story again.
    @Test func replayRunsMonthByMonthThenHoldsItsClosingFrame() throws {
        let (tmux, _) = try console(["--lang", "en", "--kiosk", "--replay", "2022-10..2022-12", "--interval", "2"],
                                    width: 240, height: 67)
        defer { tmux.kill() }
        for (i, month) in ["2022-10", "2022-11", "2022-12"].enumerated() {
            let screen = try tmux.waitUntil("the replay on \(month)") { $0.contains(" \(month)\n") && $0.contains("\(i + 1)/3") }
            // Labelled with the month it shows, not the day after it that it is judged on.
            #expect(!screen.contains(KioskDay.after(month)), "\(screen)")
        }
        let closing = try tmux.waitUntil("the closing frame") {
            $0.contains("end of replay · 2022-10 → 2022-12") && $0.contains("Tasks done") && $0.contains("Still open")
        }
        #expect(closing.contains("Targets met"))
        try expectHolds(tmux, for: 3, "the closing frame")
        try tmux.sendKeys("Space")
        try tmux.waitUntil("the story again") { $0.contains(" 2022-10\n") && $0.contains("1/3") && !$0.contains("end of replay") }
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test func exportWritesWhatTheTableShowsAndAnUnwritableFolderIsOnlyAMessage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (tmux, _) = try console(["--lang", "en", "--as-of", "2023-01-15", "--export-dir", folder.path], width: 160, height: 40)
        defer { tmux.kill() }
        _ = try tmux.waitFor("6 Districts")
        try tmux.sendKeys("o")
        _ = try tmux.waitFor("Overview › Overdue tasks")
        try tmux.sendKeys("e")
        _ = try tmux.waitFor("overdue-2023-01-15.csv")
        let csv = try String(contentsOf: folder.appendingPathComponent("overdue-2023-01-15.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\r\n").dropFirst()
        #expect(rows.map { String($0.split(separator: ",")[0]) } == ["R05", "R10", "R12", "R13", "R15"])
        let markdown = try String(contentsOf: folder.appendingPathComponent("overdue-2023-01-15.md"), encoding: .utf8)
        #expect(markdown.contains("| R05 | ✕ overdue |"))
        try tmux.sendKeys("q")
        #expect(try tmux.waitForExit() == 0)

        // A folder that cannot be written: a message, and the console goes on.
        let (blocked, _) = try console(["--lang", "en", "--export-dir", "/proc/ecowatch-cannot-write-here"])
        defer { blocked.kill() }
        _ = try blocked.waitFor("6 Districts")
        try blocked.sendKeys("T")
        _ = try blocked.waitFor("Overview › Tasks")
        try blocked.sendKeys("e")
        _ = try blocked.waitFor("Export failed")
        try blocked.sendKeys("j")
        _ = try blocked.waitFor("Enter open")      // the footer's key hints are back: still running
        try blocked.sendKeys("q")
        #expect(try blocked.waitForExit() == 0)
    }

    @Test func withoutATerminalItPointsAtSnapshotAndReport() throws {
        let binary = try #require(EcoWatchBinary.url())
        let process = Process()
        process.executableURL = binary
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-e2e-\(UUID().uuidString).sqlite").path
        process.arguments = ["--db", database, "--data", try #require(EcoWatchBinary.packageRoot()).appendingPathComponent("sample-data").path]
        let errors = Pipe()
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus != 0)
        #expect(message.contains("ecowatch snapshot"))
        #expect(message.contains("ecowatch report"))
    }
}

/// The breadcrumb line (the screen's second row), trimmed.
/// The first day of the month after `month` (`2022-10` → `2022-11-01`): the day a replayed
/// month is judged as of, which the strip must not show as its label.
enum KioskDay {
    static func after(_ month: String) -> String {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        let (year, next) = parts[1] == 12 ? (parts[0] + 1, 1) : (parts[0], parts[1] + 1)
        return String(format: "%04d-%02d-01", year, next)
    }
}

private func breadcrumb(_ screen: String) -> String {
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
    return lines.count > 1 ? lines[1].trimmingCharacters(in: .whitespaces) : ""
}

/// Display columns of text in a terminal: two for Chinese characters, one otherwise.
private func columnWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
            width + 2
        default: width + 1
        }
    }
}
