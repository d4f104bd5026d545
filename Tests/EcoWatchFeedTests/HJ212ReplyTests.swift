import Testing
import EcoWatchFeed

private let upload = HJ212Packet(
    qn: "20160801085857223", st: 22, cn: 2011, pw: "100000", mn: "010000A8900016F000169DC0",
    flag: HJ212Flag(wantsReply: true),
    cp: HJ212CP(dataTime: "20160801085800", pollutants: [HJ212Pollutant(name: "a34004", rtd: 30)]))

private func text(_ packet: HJ212Packet) -> String {
    String(decoding: packet.dataSegment, as: UTF8.self)
}

@Test func requestAnswer9011() {
    #expect(text(upload.requestAnswer(.ready))
            == "QN=20160801085857223;ST=91;CN=9011;PW=100000;MN=010000A8900016F000169DC0;"
            + "Flag=4;CP=&&QnRtn=1&&")
    #expect(text(upload.requestAnswer(.crcError)).hasSuffix("CP=&&QnRtn=9&&"))
    #expect(text(upload.requestAnswer(.unknown)).hasSuffix("CP=&&QnRtn=100&&"))
    #expect(HJ212RequestResult.allCases.map(\.rawValue) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 100])
}

@Test func executionResult9012() {
    #expect(text(upload.executionResult(.success))
            == "QN=20160801085857223;ST=91;CN=9012;PW=100000;MN=010000A8900016F000169DC0;"
            + "Flag=4;CP=&&ExeRtn=1&&")
    #expect(text(upload.executionResult(.noData)).hasSuffix("CP=&&ExeRtn=100&&"))
}

@Test func dataAnswer9014() throws {
    let answer = upload.dataAnswer()
    #expect(text(answer)
            == "QN=20160801085857223;ST=91;CN=9014;PW=100000;MN=010000A8900016F000169DC0;"
            + "Flag=4;CP=&&&&")
    #expect(!answer.flag.wantsReply)
    // A reply is a valid frame that decodes to itself.
    #expect(try HJ212Packet(frame: answer.frame()[...]) == answer)
}
