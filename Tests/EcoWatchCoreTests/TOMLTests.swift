import Testing
@testable import EcoWatchCore

/// Parses `text`, expecting an error; returns it (nil when it parsed).
private func failure(_ text: String) -> TOMLError? {
    do {
        _ = try parseTOML(text)
        return nil
    } catch {
        return error
    }
}

@Test func emptyDocumentIsAnEmptyRootOnLineOne() throws {
    let table = try parseTOML("")
    #expect(table.keys.isEmpty)
    #expect(table.line == 1)
    #expect(try parseTOML("\n# only a comment\n\n").keys.isEmpty)
}

@Test func keysKeepFileOrderAndLines() throws {
    let table = try parseTOML("""
        # theme
        zebra = 1
        apple = 2   # trailing comment

        "quoted key" = 3
        'literal key' = 4
        mid-dle_9 = 5
        """)
    #expect(table.keys == ["zebra", "apple", "quoted key", "literal key", "mid-dle_9"])
    #expect(table["apple"] == .integer(2))
    #expect(table["quoted key"] == .integer(3))
    #expect(table.line(of: "zebra") == 2)
    #expect(table.line(of: "literal key") == 6)
    #expect(table.line(of: "missing") == nil)
    #expect(table["missing"] == nil)
}

@Test func dottedKeysMakeNestedTables() throws {
    let table = try parseTOML("""
        aqi.excellent = "#00E400"
        aqi . good = "#FFFF00"
        water."worse than V" = "#000000"
        """)
    let aqi = try #require(table["aqi"]?.tableValue)
    #expect(aqi.keys == ["excellent", "good"])
    #expect(aqi["good"]?.stringValue == "#FFFF00")
    #expect(table["water"]?.tableValue?["worse than V"]?.stringValue == "#000000")
}

@Test func basicStringEscapes() throws {
    let table = try parseTOML(#"""
        s = "quote \" backslash \\ newline \n tab \t u \u6C34 U \U0001F30A"
        """#)
    #expect(table["s"] == .string("quote \" backslash \\ newline \n tab \t u 水 U 🌊"))
}

@Test func literalStringsKeepBackslashes() throws {
    let table = try parseTOML(#"path = 'C:\data\ningbo' "#)
    #expect(table["path"]?.stringValue == #"C:\data\ningbo"#)
}

@Test func multiLineStrings() throws {
    let table = try parseTOML(#"""
        a = """
        first
        second"""
        b = """one \
              two"""
        c = '''
        raw \n "quotes" ''stay'''
        d = """ends with quotes"" """
        e = """x""""
        """#)
    #expect(table["a"]?.stringValue == "first\nsecond")
    #expect(table["b"]?.stringValue == "one two")
    #expect(table["c"]?.stringValue == #"raw \n "quotes" ''stay"#)
    #expect(table["d"]?.stringValue == #"ends with quotes"" "#)
    #expect(table["e"]?.stringValue == #"x""#)
}

@Test func multiLineStringNormalisesCRLF() throws {
    let table = try parseTOML("a = \"\"\"\r\nx\r\ny\"\"\"\r\nb = 1\r\n")
    #expect(table["a"]?.stringValue == "x\ny")
    #expect(table.line(of: "b") == 4)
}

@Test func integers() throws {
    let table = try parseTOML("""
        a = 42
        b = +17
        c = -5
        d = 1_000_000
        e = 0
        f = 0xDEAD_beef
        g = 0o755
        h = 0b1101
        i = 9223372036854775807
        j = -9223372036854775808
        """)
    #expect(table["a"] == .integer(42))
    #expect(table["b"] == .integer(17))
    #expect(table["c"] == .integer(-5))
    #expect(table["d"] == .integer(1_000_000))
    #expect(table["e"] == .integer(0))
    #expect(table["f"] == .integer(0xDEADBEEF))
    #expect(table["g"] == .integer(0o755))
    #expect(table["h"] == .integer(13))
    #expect(table["i"] == .integer(Int.max))
    #expect(table["j"] == .integer(Int.min))
}

@Test func floats() throws {
    let table = try parseTOML("""
        a = 3.14
        b = -0.5
        c = 5e+22
        d = 1E6
        e = 6.626e-34
        f = 9_224.5
        g = inf
        h = -inf
        i = nan
        j = +1.5
        """)
    #expect(table["a"] == .float(3.14))
    #expect(table["b"] == .float(-0.5))
    #expect(table["c"] == .float(5e22))
    #expect(table["d"] == .float(1e6))
    #expect(table["e"] == .float(6.626e-34))
    #expect(table["f"] == .float(9224.5))
    #expect(table["g"] == .float(.infinity))
    #expect(table["h"] == .float(-.infinity))
    #expect(table["i"]?.doubleValue?.isNaN == true)
    #expect(table["j"] == .float(1.5))
    #expect(try parseTOML("x = 7")["x"]?.doubleValue == 7)
}

@Test func booleansAndDates() throws {
    let table = try parseTOML("""
        on = true
        off = false
        deadline = 2022-12-31
        """)
    #expect(table["on"] == .bool(true))
    #expect(table["off"]?.boolValue == false)
    #expect(table["deadline"] == .date("2022-12-31"))
    #expect(table["deadline"]?.dateValue == "2022-12-31")
}

@Test func arraysNestAndSpanLines() throws {
    let table = try parseTOML("""
        units = [
          "海曙区",   # Haishu
          "江北区",
        ]
        grid = [[1, 2], [3], []]
        mixed = [1, "two", 3.0, { four = 4 }]
        empty = [ ]
        """)
    #expect(table["units"] == .array([.string("海曙区"), .string("江北区")]))
    #expect(table["grid"] == .array([.array([.integer(1), .integer(2)]), .array([.integer(3)]),
                                     .array([])]))
    #expect(table["mixed"]?.arrayValue?.count == 4)
    #expect(table["mixed"]?.arrayValue?[3].tableValue?["four"] == .integer(4))
    #expect(table["empty"] == .array([]))
    #expect(table.line(of: "grid") == 5)
}

@Test func inlineTables() throws {
    let table = try parseTOML("""
        point = { x = 1, y = 2, label.zh = "点" }
        empty = {}
        multi = {
          a = 1,
          b = 2,
        }
        """)
    let point = try #require(table["point"]?.tableValue)
    #expect(point.keys == ["x", "y", "label"])
    #expect(point["label"]?.tableValue?["zh"]?.stringValue == "点")
    #expect(table["empty"]?.tableValue?.keys == [])
    #expect(table["multi"]?.tableValue?.keys == ["a", "b"])
}

@Test func tablesAndSubTables() throws {
    let table = try parseTOML("""
        title = "EcoWatch"

        [colors]
        text = "#FFFFFF"

        [colors.aqi]
        excellent = "#00E400"

        [ "quoted" . 'name' ]
        x = 1
        """)
    #expect(table.keys == ["title", "colors", "quoted"])
    let colors = try #require(table["colors"]?.tableValue)
    #expect(colors.line == 3)
    #expect(colors["text"]?.stringValue == "#FFFFFF")
    #expect(colors["aqi"]?.tableValue?.line == 6)
    #expect(colors.line(of: "aqi") == 6)
    #expect(table["quoted"]?.tableValue?["name"]?.tableValue?["x"] == .integer(1))
    #expect(table.line(of: "colors") == 3)
}

@Test func implicitTableMayBeDefinedLater() throws {
    let table = try parseTOML("""
        [a.b]
        x = 1
        [a]
        y = 2
        """)
    let a = try #require(table["a"]?.tableValue)
    #expect(a.keys == ["b", "y"])
    #expect(a.line == 3)
}

@Test func arraysOfTables() throws {
    let table = try parseTOML("""
        [[task]]
        id = "R01"

        [[task.milestone]]
        year = 2021

        [[task.milestone]]
        year = 2022

        [task.lead]
        zh = "市生态环境局"

        [[task]]
        id = "R02"
        """)
    let tasks = try #require(table["task"]?.arrayValue)
    #expect(tasks.count == 2)
    let first = try #require(tasks[0].tableValue)
    #expect(first.line == 1)
    #expect(first["id"]?.stringValue == "R01")
    #expect(first["milestone"]?.arrayValue?.compactMap { $0.tableValue?["year"]?.integerValue }
            == [2021, 2022])
    #expect(first["lead"]?.tableValue?["zh"]?.stringValue == "市生态环境局")
    let second = try #require(tasks[1].tableValue)
    #expect(second.line == 13)
    #expect(second.keys == ["id"])
}

@Test func windowsLineEndingsAndBOM() throws {
    let table = try parseTOML("\u{FEFF}a = 1\r\n[t]\r\nb = 2\r\n")
    #expect(table["a"] == .integer(1))
    #expect(table["t"]?.tableValue?.line == 2)
    #expect(table["t"]?.tableValue?.line(of: "b") == 3)
}

@Test func errorDescriptionNamesLineAndColumn() {
    let error = TOMLError(line: 3, column: 7, message: "bad")
    #expect(error.description == "line 3, column 7: bad")
}

@Test func redefinedKeyIsAnError() throws {
    let error = try #require(failure("a = 1\nb = 2\na = 3\n"))
    #expect(error.line == 3)
    #expect(error.column == 1)
    #expect(error.message.contains("already defined on line 1"))
}

@Test func redefinedTablesAreErrors() throws {
    #expect(failure("[a]\nx = 1\n[a]\n")?.line == 3)
    #expect(failure("[a]\nb.c = 1\n[a.b]\n")?.message.contains("dotted keys") == true)
    #expect(failure("[a.b.c]\n[a]\nb.c.d = 1\n")?.line == 3)
    #expect(failure("[[a]]\n[a]\n")?.message.contains("array of tables") == true)
    #expect(failure("[a]\n[[a]]\n")?.line == 2)
    #expect(failure("a = 1\n[a]\n")?.message.contains("integer") == true)
    #expect(failure("a = [1]\n[[a]]\n")?.line == 2)
    #expect(failure("a = {x = 1}\na.y = 2\n")?.message.contains("inline table") == true)
    #expect(failure("a = {x = 1}\n[a.b]\n")?.line == 2)
    #expect(failure("a.b = 1\na.b.c = 2\n")?.line == 2)
    #expect(failure("t = {a = 1, a = 2}")?.message.contains("already defined") == true)
}

@Test func unterminatedStringsPointAtTheOpeningQuote() throws {
    let basic = try #require(failure("a = 1\nname = \"Ningbo\nb = 2\n"))
    #expect(basic.line == 2)
    #expect(basic.column == 8)
    #expect(basic.message.contains("unterminated string"))
    #expect(failure("a = 'x")?.message.contains("unterminated") == true)
    let multi = try #require(failure("x = 1\nlong = \"\"\"\nnever closed\n"))
    #expect(multi.line == 2)
    #expect(multi.message.contains("\"\"\""))
    #expect(failure("a = '''abc''")?.message.contains("'''") == true)
    #expect(failure("a = [1, 2")?.message.contains("]") == true)
    #expect(failure("a = {x = 1")?.message.contains("}") == true)
}

@Test func columnsCountCharactersNotBytes() throws {
    let error = try #require(failure("名称 = \"x\"\n"))
    #expect(error.line == 1)
    #expect(error.column == 1)
    let afterChinese = try #require(failure("a = \"水\" x\n"))
    #expect(afterChinese.column == 9)
}

@Test func badValuesAreErrors() {
    let bad = [
        "a = hello", "a = 01", "a = 1__0", "a = _1", "a = 1_", "a = 1.", "a = .5", "a = 1e",
        "a = 0x", "a = -0x10", "a = 0xG", "a = 0b102", "a = 99999999999999999999",
        "a = 0x8000000000000000", "a = truee", "a = 2022-02-30", "a = 2022-1-01",
        "a = 1979-05-27T07:32:00Z", "a = 1979-05-27 07:32:00", "a = 07:32:00", "a =",
        "a = \"\\q\"", "a = \"\\uD800\"", "a = \"\\u12\"", "a = \"tab\u{1}\"", "= 1", "a 1",
        "a = 1 b = 2", "[a", "[[a]", "[a]]", "a = [1 2]", "a = {x = 1 y = 2}", "a.= 1",
        "a = \"\"\"\"\"\"\"\"\"", "a = 1\rb = 2",
    ]
    for text in bad {
        #expect(failure(text) != nil, "should fail: \(text)")
    }
}

@Test func dateTimesAreRefusedClearly() throws {
    let error = try #require(failure("at = 2021-11-03T08:00:00+08:00"))
    #expect(error.message.contains("date-times are not supported"))
}

@Test func nestingIsLimited() throws {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(failure("a = \(deep)")?.message.contains("64") == true)
    let inline = String(repeating: "{a=", count: 10_000)
    #expect(failure("a = \(inline)")?.message.contains("64") == true)
    let dotted = Array(repeating: "k", count: 100).joined(separator: ".")
    #expect(failure("\(dotted) = 1") != nil)
    #expect(failure("[\(dotted)]") != nil)
    let nested = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
    #expect(try parseTOML("a = \(nested)")["a"] != nil)
}

@Test func garbageNeverTraps() {
    // Deterministic pseudo-random inputs built from TOML's own punctuation.
    let alphabet = Array("[]{}=.,\"'#\\ \n\r\tabc019_-+:eExo\u{0}é水".unicodeScalars)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<2_000 {
        var text = String.UnicodeScalarView()
        state = state &* 6364136223846793005 &+ 1442695040888963407
        let length = Int(state >> 58)
        for _ in 0..<length {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            text.append(alphabet[Int(state >> 33) % alphabet.count])
        }
        _ = try? parseTOML(String(text))
    }
}
