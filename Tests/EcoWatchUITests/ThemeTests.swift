import Foundation
import Testing
@testable import EcoWatchUI

@Suite struct ThemeTests {
    let themesDirectory = repositoryRoot + "/themes"

    func load(_ text: String, file: String = "themes/test.toml") throws(ThemeError) -> LoadedTheme {
        try Theme.load(toml: text, file: file)
    }

    @Test func coloursParse() {
        #expect(ThemeColor(parsing: "#101418") == .rgb(0x10, 0x14, 0x18))
        #expect(ThemeColor(parsing: "#aBcDeF") == .rgb(0xAB, 0xCD, 0xEF))
        #expect(ThemeColor(parsing: "default") == .terminalDefault)
        for bad in ["#GGG000", "#12345", "#1234567", "101418", "#+12345", "Default", ""] {
            #expect(ThemeColor(parsing: bad) == nil, "\(bad)")
        }
        #expect(ThemeColor.rgb(0, 0x72, 0xB2).description == "#0072B2")
    }

    @Test func defaultThemeHasEverySlotAndOfficialAQIColours() {
        for slot in StyleSlot.allCases { #expect(Theme.default.colors[slot] != nil, "\(slot)") }
        let aqi: [StyleSlot] = [.aqiExcellent, .aqiGood, .aqiLight, .aqiModerate, .aqiHeavy, .aqiSevere]
        #expect(aqi.map { Theme.default[$0].description } == ["#00E400", "#FFFF00", "#FF7E00", "#FF0000", "#99004C", "#7E0023"])
    }

    @Test(arguments: ["default", "light", "high-contrast", "mono", "colorblind"])
    func bundledThemeLoadsWithNoMissingSlots(name: String) throws {
        let path = try ThemeCatalog(directories: [themesDirectory]).path(of: name)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let loaded = try Theme.load(toml: text, file: path)
        #expect(loaded.missingSlots == [])
        #expect(loaded.theme.name == name)
        #expect(!loaded.theme.description.isEmpty)
    }

    @Test func bundledThemesSayWhatTheyAre() throws {
        let text = try String(contentsOfFile: themesDirectory + "/default.toml", encoding: .utf8)
        let loaded = try load(text, file: "themes/default.toml")
        #expect(loaded.theme.colors == Theme.default.colors)   // the file and the Swift data agree
        // Every top-level slot line carries a comment saying what it colours.
        for slot in ["background", "text", "muted", "accent", "border", "focus", "good", "warn", "bad", "na"] {
            let line = text.split(separator: "\n").first { $0.hasPrefix(slot + " ") }
            #expect(line?.contains("   # ") == true, "\(slot)")
        }
        let mono = try load(String(contentsOfFile: themesDirectory + "/mono.toml", encoding: .utf8))
        #expect(mono.theme.colors.values.allSatisfy { $0 == .terminalDefault })
        let colorblind = try load(String(contentsOfFile: themesDirectory + "/colorblind.toml", encoding: .utf8))
        #expect(colorblind.theme[.good].description == "#0072B2")
        #expect(colorblind.theme[.warn].description == "#E69F00")
        #expect(colorblind.theme[.bad].description == "#D55E00")
        let projector = try load(String(contentsOfFile: themesDirectory + "/high-contrast.toml", encoding: .utf8))
        #expect(projector.theme[.background] == .rgb(0, 0, 0) && projector.theme[.text] == .rgb(255, 255, 255))
    }

    @Test func tablesAndDottedKeysBothWork() throws {
        let tables = try load("""
            [aqi]
            excellent = "#010101"
            [water]
            "I" = "#020202"
            worse_than_V = "#030303"
            """)
        let dotted = try load("""
            aqi.excellent = "#010101"
            water.I = "#020202"
            water.worse_than_V = "#030303"
            """)
        #expect(tables.theme.colors == dotted.theme.colors)
        #expect(tables.theme[.aqiExcellent] == .rgb(1, 1, 1))
        #expect(tables.theme[.waterI] == .rgb(2, 2, 2))
        #expect(tables.theme[.waterWorseThanV] == .rgb(3, 3, 3))
    }

    @Test func missingSlotFallsBackAndIsReported() throws {
        let loaded = try load("""
            name = "partial"
            text = "#FFFFFF"
            """)
        #expect(loaded.theme.name == "partial")
        #expect(loaded.theme[.text] == .rgb(255, 255, 255))
        #expect(loaded.theme[.accent] == Theme.default[.accent])
        #expect(loaded.missingSlots.count == StyleSlot.allCases.count - 1)
        #expect(loaded.missingSlots.first == .background && !loaded.missingSlots.contains(.text))
    }

    @Test func badColourNamesFileAndLine() {
        #expect(throws: ThemeError(file: "themes/light.toml", line: 7,
                                   message: "bad colour \"#GGG000\" for slot \"accent\" (expected #RRGGBB or default)",
                                   excerpt: "accent = \"#GGG000\"")) {
            try load("""
                # light
                name = "light"

                background = "#FFFFFF"
                text = "#000000"
                muted = "#777777"
                accent = "#GGG000"
                """, file: "themes/light.toml")
        }
        let error = ThemeError(file: "themes/light.toml", line: 7, message: "bad colour \"#GGG000\" for slot \"accent\" (expected #RRGGBB or default)")
        #expect(error.description == "themes/light.toml:7: bad colour \"#GGG000\" for slot \"accent\" (expected #RRGGBB or default)")
    }

    @Test func unknownKeyAndNonStringAreErrorsWithLine() {
        do {
            _ = try load("text = \"#FFFFFF\"\n[aqi]\nexcelent = \"#00E400\"")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.description == "themes/test.toml:3: unknown key \"aqi.excelent\" (did you mean \"aqi.excellent\"?) | excelent = \"#00E400\"")
        }
        do {
            _ = try load("\n\ntext = 255")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "themes/test.toml:3: \"text\" must be a string, not an integer | text = 255")
        }
    }

    @Test func aMistypedSlotSuggestsTheSlotAndAFileThatIsNotUTF8NamesLineAndByteColumn() throws {
        do {
            _ = try load("name = \"mine\"\nbakground = \"#000000\"")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "themes/test.toml:2: unknown key \"bakground\" (did you mean \"background\"?) | bakground = \"#000000\"")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-theme-\(UUID()).toml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(Array("text = \"#FFFFFF\"\n# caf".utf8) + [0xE9] + Array("\n".utf8)).write(to: URL(fileURLWithPath: path))
        #expect(throws: ThemeError(file: path, line: 2, column: 6, message: "invalid UTF-8: byte 0xE9 at byte column 6 (save the file as UTF-8)",
                                   excerpt: "# caf\u{FFFD}")) {
            try Theme.load(contentsOf: path)
        }
        let long = "text = \"" + String(repeating: "#", count: 200) + "\""
        do {
            _ = try load(long)
            Issue.record("expected an error")
        } catch {
            #expect(error.excerpt == String(long.prefix(80)) + "…")
            #expect(error.message == "bad colour \"" + String(repeating: "#", count: 40) + "…\" for slot \"text\" (expected #RRGGBB or default)")
        }
    }

    @Test func catalogSearchesUserDirectoryFirstAndListsNames() throws {
        let user = FileManager.default.temporaryDirectory.appendingPathComponent("ecowatch-themes-\(UUID())").path
        try FileManager.default.createDirectory(atPath: user, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: user) }
        try "text = \"#FFFFFF\"\n".write(toFile: user + "/light.toml", atomically: true, encoding: .utf8)
        try "".write(toFile: user + "/mine.toml", atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(directories: [user, themesDirectory])
        #expect(try catalog.path(of: "light") == user + "/light.toml")
        #expect(try catalog.path(of: "mono") == themesDirectory + "/mono.toml")
        #expect(catalog.availableNames() == ["colorblind", "default", "high-contrast", "light", "mine", "mono"])
        do {
            _ = try catalog.path(of: "fancy")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix(
                "no theme named \"fancy\" (available: colorblind, default, high-contrast, light, mine, mono; looked in "))
        }
        let standard = ThemeCatalog.standard(environment: ["HOME": "/home/duty"], bundled: "themes")
        #expect(standard.directories == ["/home/duty/.config/ecowatch/themes", "themes"])
        let xdg = ThemeCatalog.standard(environment: ["HOME": "/h", "XDG_CONFIG_HOME": "/cfg"], bundled: "t")
        #expect(xdg.directories == ["/cfg/ecowatch/themes", "t"])
    }
}
