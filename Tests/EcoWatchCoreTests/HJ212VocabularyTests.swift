import Testing
import EcoWatchCore

/// The HJ 212 vocabulary: its raw values are stored and shown, so they must not change.
@Suite struct HJ212VocabularyTests {
    @Test func dataFlagsAreTheStandardsLettersAndOnlyNCounts() {
        #expect(DataFlag.allCases.map(\.rawValue) == ["N", "F", "M", "S", "D", "C", "T", "B"])
        #expect(DataFlag.allCases.filter(\.countsTowardStatistics) == [.normal])
    }

    @Test func dataCommandsKnowWhatTheyCarry() {
        #expect([DataCommand.realTime, .minute, .hourly, .daily].map(\.rawValue) == [2011, 2051, 2061, 2031])
        #expect([DataCommand.requestAnswer, .executionResult, .notificationAnswer, .dataAnswer].map(\.rawValue)
                == [9011, 9012, 9013, 9014])
        #expect(DataCommand.data == [.realTime, .minute, .hourly, .daily])
        #expect(!DataCommand.dataAnswer.isData)
        // A code the service does not handle is still a value that can be logged and refused.
        let unknown = DataCommand(rawValue: 1062)
        #expect(!unknown.isData && !unknown.isHistory && unknown.description == "1062")
        #expect(DataCommand.realTime.isData && !DataCommand.realTime.isHistory)
        #expect([DataCommand.minute, .hourly, .daily].map(\.recordInterval) == [60, 3600, 86_400])
        #expect(DataCommand.realTime.recordInterval == nil)
    }

    @Test func refusalReasonsHaveStableRawValues() {
        #expect(RefusalReason.allCases.map(\.rawValue) == [
            "not-a-frame", "length", "crc", "too-long", "bad-field", "missing-field", "bad-cp",
            "wrong-mn", "wrong-pw", "wrong-st", "wrong-cn", "wrong-flag",
        ])
        #expect(RefusalReason.allCases.filter { !$0.isMalformed } == [.wrongMN, .wrongPW, .wrongST, .wrongCN, .wrongFlag])
    }
}
