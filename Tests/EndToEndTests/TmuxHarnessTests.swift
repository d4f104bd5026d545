import Foundation
import Testing

/// The harness itself, on programs every machine has: if these fail, end-to-end failures of
/// the console mean nothing.
@Suite("tmux harness", .enabled(if: Tmux.isInstalled, "tmux is not installed"))
struct TmuxHarnessTests {
    @Test func capturesWhatAProgramPrintsWithChineseAligned() throws {
        let tmux = try Tmux(width: 40, height: 6, command: ["printf", "%s\\n%s\\n", "宁波市|海曙区|ok", "Ningbo|Haishu|ok"])
        defer { tmux.kill() }
        #expect(try tmux.waitForExit() == 0)
        let lines = try tmux.capture(history: true).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "宁波市|海曙区|ok")
        #expect(lines[1] == "Ningbo|Haishu|ok")
        // Both "|" fall in the same columns: 宁波市 is as wide as Ningbo.
        #expect(columns(of: "|", in: String(lines[0])) == columns(of: "|", in: String(lines[1])))
    }

    @Test func sendsKeysAndTextAndWaitsForTheEcho() throws {
        let tmux = try Tmux(width: 60, height: 10, command: ["cat"])
        defer { tmux.kill() }
        try tmux.type("镇海 zhenhai")
        try tmux.sendKeys("Enter")
        let screen = try tmux.waitUntil("the line echoed twice") { screen in
            screen.components(separatedBy: "镇海 zhenhai").count - 1 == 2
        }
        #expect(screen.hasPrefix("镇海 zhenhai\n镇海 zhenhai"))
        try tmux.sendKeys("C-d")
        #expect(try tmux.waitForExit() == 0)
    }

    @Test func resizesTheWindow() throws {
        let tmux = try Tmux(width: 80, height: 24, command: ["cat"])
        defer { tmux.kill() }
        #expect(try tmux.paneSize() == (80, 24))
        try tmux.resize(width: 100, height: 30)
        #expect(try tmux.paneSize() == (100, 30))
        #expect(try tmux.capture().split(separator: "\n", omittingEmptySubsequences: false).count >= 30)
    }

    @Test func reportsTheExitStatusAndTheEnvironment() throws {
        let tmux = try Tmux(width: 40, height: 5, command: ["sh", "-c", "echo \"$GREETING $TERM\"; exit 3"],
                            environment: ["GREETING": "你好"])
        defer { tmux.kill() }
        #expect(try tmux.waitForExit() == 3)
        #expect(try tmux.capture(history: true).hasPrefix("你好 tmux-256color"))
    }

    @Test func reportsDeathBySignal() throws {
        let tmux = try Tmux(width: 40, height: 5, command: ["sh", "-c", "kill -TERM $$"])
        defer { tmux.kill() }
        #expect(try tmux.waitForExit() == 128 + SIGTERM)
    }

    @Test func timesOutWithTheScreenInTheError() throws {
        let tmux = try Tmux(width: 40, height: 5, command: ["cat"])
        defer { tmux.kill() }
        #expect(throws: TmuxError.self) { try tmux.waitFor("never shown", timeout: 0.3) }
    }

    @Test func findsTheBuiltBinary() throws {
        #expect(EcoWatchBinary.packageRoot() != nil)
        let binary = try #require(EcoWatchBinary.url(), "build ecowatch first (swift build), or set ECOWATCH_BIN")
        #expect(binary.lastPathComponent == "ecowatch")
    }

    /// Display columns at which `mark` appears in `line` (Chinese counted as 2).
    private func columns(of mark: Character, in line: String) -> [Int] {
        var column = 0, found: [Int] = []
        for character in line {
            if character == mark { found.append(column) }
            column += character.unicodeScalars.first.map { $0.value >= 0x1100 ? 2 : 1 } ?? 0
        }
        return found
    }
}
