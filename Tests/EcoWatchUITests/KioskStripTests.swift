import Testing
import EcoWatchCore
@testable import EcoWatchUI

/// The KPI strip as a projector shows it: four KPIs whole at every size from 100×30, digits
/// that grow with the screen, labels that fit, units shown.
@Suite struct KioskStripTests {
    func meeting(_ size: (Int, Int), language: Language = .en, asOf: String = "2023-07-15") -> AppState {
        var s = state(asOf: asOf, language: language, size: size)
        s.kiosk = KioskState(playlist: [.overview], interval: 15)
        return s
    }

    /// The strip's rows, its rule included.
    func strip(_ s: AppState) -> [String] {
        Array(lines(render(s)).prefix(KioskStrip.height(width: s.width, height: s.height) + 1))
    }

    @Test func at100x30() {
        let rows = strip(meeting((100, 30)))
        #expect(rows == Self.golden100x30, "\n\(rows.joined(separator: "\n"))")
    }

    @Test func at160x48() {
        let rows = strip(meeting((160, 48)))
        #expect(rows == Self.golden160x48, "\n\(rows.joined(separator: "\n"))")
    }

    @Test func at240x67() {
        let rows = strip(meeting((240, 67), language: .zh))
        #expect(rows == Self.golden240x67, "\n\(rows.joined(separator: "\n"))")
    }

    @Test func everyKPIIsWholeAtEverySizeAndTheDigitsGrow() {
        for width in stride(from: 100, through: 240, by: 7) {
            for height in stride(from: 30, through: 67, by: 6) {
                for language in Language.allCases {
                    let s = meeting((width, height), language: language, asOf: "2026-11-29")
                    let rows = strip(s)
                    let scale = KioskStrip.scale(width: width, height: height)
                    let text = rows.joined(separator: "\n")
                    let here = "\(width)x\(height) \(language)"
                    for kpi in KioskStrip.kpis(s) {
                        // Every row of the figure is on the strip whole.
                        for line in BigDigits(kpi.value, size: scale).lines {
                            #expect(text.contains(line), "\(here): \(kpi.value) cut")
                        }
                        // The label that fits is drawn whole, never cut with "…".
                        #expect(!rows[0].contains("…"), "\(here): \(rows[0])")
                        #expect(text.contains(kpi.detail), "\(here): \(kpi.detail)")
                    }
                }
            }
        }
        let small = KioskStrip.scale(width: 100, height: 30).rows, large = KioskStrip.scale(width: 240, height: 67).rows
        #expect(large >= 2 * small)
    }

    @Test func unitsAreShownInBothLanguages() {
        let en = strip(meeting((100, 30))).joined()
        for unit in ["µg/m³", "% ·", "tasks"] { #expect(en.contains(unit), "\(unit)") }
        let zh = strip(meeting((100, 30), language: .zh)).joined()
        for unit in ["µg/m³", "% ·", "项任务"] { #expect(zh.contains(unit), "\(unit)") }
    }

    static let golden100x30 = [
        " ✓ PM2.5 annual mean  ✗ Good-air days      ✓ Good water         ✕ Tasks done                  as of ",
        " ▀▀█ ▀▀█              █▀█ █▀█   █▀█        █▀█ ▀▀█   █▀▀        ▄█  ▀▀█   █ ▄█  █▀█      2023-07-15 ",
        " █▀▀  ▀█              █▀█ ▀▀█   █ █        ▀▀█  ▀█   ▀▀█         █   ▀█ ▄▀   █  ▀▀█             1/1 ",
        " ▀▀▀ ▀▀▀              ▀▀▀ ▀▀▀ ▀ ▀▀▀        ▀▀▀ ▀▀▀ ▀ ▀▀▀        ▀▀▀ ▀▀▀ ▀   ▀▀▀ ▀▀▀                 ",
        " µg/m³ · target <26   % · target ≥90%      % · target ≥90%      tasks · ✕2 overdue                  ",
        " YTD prov. 26 ▲       YTD prov. 93.4 ○     YTD prov. 96.9 ○     data to 2023-06                     ",
        "────────────────────────────────────────────────────────────────────────────────────────────────────",
    ]
    static let golden160x48 = [
        " ✓ PM2.5 annual mean                 ✗ Good-air days                     ✓ Good water                        ✕ Tasks done                                 as of ",
        " ███ ███                             ███ ███   ███                       ███ ███   ███                        █  ███   █  █  ███                     2023-07-15 ",
        "   █   █                             █ █ █ █   █ █                       █ █   █   █                         ██    █   █ ██  █ █                            1/1 ",
        " ███  ██                             ███ ███   █ █                       ███  ██   ███                        █   ██  █   █  ███                                ",
        " █     █                             █ █   █   █ █                         █   █     █                        █    █ █    █    █                                ",
        " ███ ███                             ███ ███ █ ███                       ███ ███ █ ███                       ███ ███ █   ███ ███                                ",
        " µg/m³ · target <26                  % · target ≥90%                     % · target ≥90%                     tasks · ✕2 overdue                                 ",
        " 2022 · Jan–Jun, provisional 26 ▲    2022 · Jan–Jun, provisional 93.4 ○  2022 · Jan–Jun, provisional 96.9 ○  data to 2023-06                                    ",
        "────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────",
    ]
    static let golden240x67 = [
        " ✓ PM2.5年均浓度                                         ✗ 空气质量优良天数比率                                  ✓ 市控以上断面水质优良率                                ✕ 任务销号                                                        截至 ",
        " ██████  ██████                                          ██████  ██████      ██████                              ██████  ██████      ██████                                ██    ██████      ██    ██    ██████                      2023-07-15 ",
        " ▀▀▀▀██  ▀▀▀▀██                                          ██▀▀██  ██▀▀██      ██▀▀██                              ██▀▀██  ▀▀▀▀██      ██▀▀▀▀                              ▄▄██    ▀▀▀▀██      ██  ▄▄██    ██▀▀██                             1/1 ",
        "     ██      ██                                          ██  ██  ██  ██      ██  ██                              ██  ██      ██      ██                                  ████        ██      ██  ████    ██  ██                                 ",
        " ██████    ████                                          ██████  ██████      ██  ██                              ██████    ████      ██████                                ██      ████    ██      ██    ██████                                 ",
        " ██▀▀▀▀    ▀▀██                                          ██▀▀██  ▀▀▀▀██      ██  ██                              ▀▀▀▀██    ▀▀██      ▀▀▀▀██                                ██      ▀▀██  ▄▄▀▀      ██    ▀▀▀▀██                                 ",
        " ██          ██                                          ██  ██      ██      ██  ██                                  ██      ██          ██                                ██        ██  ██        ██        ██                                 ",
        " ██████  ██████                                          ██████  ██████  ██  ██████                              ██████  ██████  ██  ██████                              ██████  ██████  ██      ██████  ██████                                 ",
        " ▀▀▀▀▀▀  ▀▀▀▀▀▀                                          ▀▀▀▀▀▀  ▀▀▀▀▀▀  ▀▀  ▀▀▀▀▀▀                              ▀▀▀▀▀▀  ▀▀▀▀▀▀  ▀▀  ▀▀▀▀▀▀                              ▀▀▀▀▀▀  ▀▀▀▀▀▀  ▀▀      ▀▀▀▀▀▀  ▀▀▀▀▀▀                                 ",
        " µg/m³ · 目标 <26                                        % · 目标 ≥90%                                           % · 目标 ≥90%                                           项任务 · ✕2项逾期                                                      ",
        " 2022 · 1–6月累计，暂定 26 ▲                             2022 · 1–6月累计，暂定 93.4 ○                           2022 · 1–6月累计，暂定 96.9 ○                           数据至 2023-06                                                         ",
        "────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────",
    ]
}
