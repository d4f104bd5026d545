import Testing
@testable import EcoWatchCore

/// The Chinese console and reports say units, classes, alarms and refusals in Chinese.
@Suite struct ChineseTextTests {
    @Test func unitsOfCountsAndAreasAreChinese() {
        #expect(["firms", "parks", "mines", "ha", "km"].map { Strings.unit($0).zh } == ["家", "个", "座", "公顷", "公里"])
        #expect(Strings.unit("firms").en == "firms")
        #expect(Strings.unit("µg/m³") == LocalizedText(zh: "µg/m³", en: "µg/m³"))
    }

    @Test func agesAreChineseInChinese() {
        let ages: [Int64] = [42, 420, 10_800, 172_800]
        #expect(ages.map { formatAge($0, .zh) } == ["42秒", "7分", "3小时", "2天"])
        #expect(ages.map { formatAge($0) } == ["42s", "7m", "3h", "2d"])
    }

    @Test func classesAreWrittenAsTheStandardsWriteThemInChinese() {
        #expect(WaterClass.allCases.map(\.name.zh) == ["Ⅰ类", "Ⅱ类", "Ⅲ类", "Ⅳ类", "Ⅴ类", "劣Ⅴ类"])
        #expect(SeaClass.allCases.map(\.name.zh) == ["一类", "二类", "三类", "四类", "劣四类"])
        for name in WaterClass.allCases.map(\.name.zh) + SeaClass.allCases.map(\.name.zh) {
            #expect(WaterClass(text: name) != nil || SeaClass(text: name) != nil, "\(name) reads back")
        }
    }

    @Test func storedAlarmAmountsReadInBothLanguages() {
        #expect(Strings.alarmValue(4, rule: .waterClass) == LocalizedText(zh: "Ⅳ类", en: "Class IV"))
        #expect(Strings.alarmValue(5, rule: .seaClass).zh == "劣四类")
        #expect(Strings.alarmValue(12, rule: .stale) == LocalizedText(zh: "12 分钟无上报", en: "silent 12 min"))
        #expect(Strings.alarmValue(7, rule: .refusals) == LocalizedText(zh: "拒收 7 帧", en: "7 refused"))
        #expect(Strings.alarmValue(132, rule: .aqi).zh == "AQI 132")
        #expect(Strings.alarmValue(501, rule: .aqi).en == "AQI >500")
        // The text older versions stored reads back as the same amounts (the migration's reading).
        #expect(AlarmRule.waterClass.amount(fromText: "class IV") == 4)
        #expect(AlarmRule.seaClass.amount(fromText: "class worse-than-4") == 5)
        #expect(AlarmRule.stale.amount(fromText: "silent 12 min") == 12)
        #expect(AlarmRule.refusals.amount(fromText: "7 refused") == 7)
        #expect(AlarmRule.aqi.amount(fromText: "AQI >500") == 501)
        #expect(AlarmRule.aqi.amount(fromText: "odd") == nil)
    }

    @Test func theStationAndFeedReportsHaveChineseHeadersAndWords() {
        let station = Station(mn: "W1", pw: "123456", name: LocalizedText(zh: "水站", en: "Water"), districtID: "beilun",
                              kind: .water, targetClass: "III", codes: ["w21003"], intervalSeconds: 60)
        let value = LatestValue(code: "w21003", value: 1.8, flag: .normal, time: 1_000, dataType: 2061)
        let status = StationStatus(station: station, latest: [value], lastSeen: 1_000, now: 2_000)
        let table = LiveReports.stationTable([status], language: .zh)
        #expect(table.columns.map(\.title) == ["设备号", "名称", "区县", "类型", "最近上报", "超时", "水质/AQI", "最新数值"])
        #expect(table.rows == [["W1", "水站", "beilun", "地表水", "1970-01-01T00:16:40Z", "超时", "Ⅴ类", "w21003=1.8"]])
        let feed = LiveReports.feedTable(FeedCounts(accepted: 3, duplicates: 1, refused: [.crc: 2, .wrongPW: 1]), language: .zh)
        #expect(feed.columns.map(\.title) == ["报文", "数量"])
        #expect(feed.rows.map(\.first) == ["已接收", "重复", "更正的记录", "拒收：CRC校验错误", "拒收：访问密码错误"])
        #expect(LiveReports.feedTable(FeedCounts(refused: [.crc: 2]), language: .en).rows.last == ["refused: crc", "2"])
    }
}
