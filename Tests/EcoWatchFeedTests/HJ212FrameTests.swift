import EcoWatchCore
import Testing
import EcoWatchFeed

private let exampleData = "QN=20160801085857223;ST=32;CN=1062;PW=100000;"
    + "MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"
private let exampleFrame = "##0101" + exampleData + "1C80\r\n"

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

private func failure(_ text: String, maxDataLength: Int = 1024) -> HJ212Error? {
    do {
        _ = try HJ212Frame.dataSegment(of: bytes(text)[...], maxDataLength: maxDataLength)
        return nil
    } catch {
        return error
    }
}

@Test func standardExampleFrameOpens() throws {
    let data = try HJ212Frame.dataSegment(of: bytes(exampleFrame)[...])
    #expect(Array(data) == bytes(exampleData))
}

@Test func lowerCaseCRCIsAccepted() throws {
    let data = try HJ212Frame.dataSegment(of: bytes("##0101" + exampleData + "1c80\r\n")[...])
    #expect(data.count == 101)
}

@Test func encodeBuildsTheStandardExample() throws {
    #expect(try HJ212Frame.encode(dataSegment: bytes(exampleData)) == bytes(exampleFrame))
    #expect(try HJ212Frame.encode(dataSegment: [UInt8]()) == bytes("##0000FFFF\r\n"))
}

@Test func wrongCRCIsRefused() throws {
    let error = try #require(failure("##0101" + exampleData + "1C81\r\n"))
    #expect(error.reason == .crc)
    #expect(error.message.contains("1C80"))
    #expect(failure("##0101" + exampleData + "1CG0\r\n")?.reason == .crc)
}

@Test func wrongLengthIsRefused() throws {
    let error = try #require(failure("##0100" + exampleData + "1C80\r\n"))
    #expect(error.reason == .length)
    #expect(error.message.contains("100"))
    #expect(error.message.contains("101"))
    #expect(failure("##01a1" + exampleData + "1C80\r\n")?.reason == .length)
}

@Test func notAFrameIsRefused() {
    #expect(failure("")?.reason == .notAFrame)
    #expect(failure("#0101" + exampleData + "1C80\r\n")?.reason == .notAFrame)
    #expect(failure("##0101" + exampleData + "1C80\n")?.reason == .notAFrame)
    #expect(failure("##0000FFFF\r")?.reason == .notAFrame)
}

@Test func overSizeDataIsRefused() throws {
    let error = try #require(failure(exampleFrame, maxDataLength: 100))
    #expect(error.reason == .tooLong)
    #expect(throws: HJ212Error.self) {
        try HJ212Frame.encode(dataSegment: [UInt8](repeating: 65, count: 1025))
    }
    #expect(try HJ212Frame.encode(dataSegment: [UInt8](repeating: 65, count: 2000),
                                  maxDataLength: 4000).count == 2012)
}

@Test func errorsDescribeThemselvesWithTheirReason() throws {
    let error = try #require(failure("##0101" + exampleData + "0000\r\n"))
    #expect(error.description.hasPrefix("crc: "))
    #expect(RefusalReason.allCases.filter(\.isMalformed).map(\.rawValue)
            == ["not-a-frame", "length", "crc", "too-long", "bad-field", "missing-field", "bad-cp"])
}
