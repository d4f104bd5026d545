import Testing
import EcoWatchFeed

private func packet(_ data: String) throws(HJ212Error) -> HJ212Packet {
    try HJ212Packet(dataSegment: Array(data.utf8)[...])
}

private func failure(_ data: String) -> HJ212Error? {
    do {
        _ = try packet(data)
        return nil
    } catch {
        return error
    }
}

private let header = "QN=20211103080000123;ST=22;CN=2011;PW=123456;MN=NB0001;Flag=5;"

@Test func standardExampleDecodes() throws {
    let frame = "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;"
        + "MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n"
    let decoded = try HJ212Packet(frame: Array(frame.utf8)[...])
    #expect(decoded.qn == "20160801085857223")
    #expect(decoded.st == 32)
    #expect(decoded.cn == 1062)
    #expect(decoded.pw == "100000")
    #expect(decoded.mn == "010000A8900016F000169DC0")
    #expect(decoded.flag.wantsReply)
    #expect(decoded.packetCount == nil)
    #expect(decoded.cp.field(named: "RtdInterval") == "30")
    #expect(decoded.cp.pollutants.isEmpty)
    #expect(decoded.cp.dataTime == nil)
}

@Test func realTimeAirDataGroupsItemsByPollutant() throws {
    let decoded = try packet(header + "CP=&&DataTime=20211103080000;"
        + "a34004-Rtd=38.2,a34004-Flag=N;a21026-Rtd=7,a21026-Flag=N;"
        + "a21005-Rtd=0.62,a21005-Flag=M&&")
    #expect(decoded.cp.dataTime == "20211103080000")
    #expect(decoded.cp.pollutants.map(\.name) == ["a34004", "a21026", "a21005"])
    let pm25 = try #require(decoded.cp.pollutant(named: "a34004"))
    #expect(pm25.rtd == 38.2)
    #expect(pm25.flag == "N")
    #expect(decoded.cp.pollutant(named: "a21005")?.flag == "M")
    #expect(decoded.cp.pollutant(named: "a21026")?.rtd == 7)
}

@Test func hourlyDataCarriesMinAvgMaxCou() throws {
    let decoded = try packet("QN=20211103080000123;ST=21;CN=2061;PW=123456;MN=NB0001;Flag=5;"
        + "CP=&&DataTime=20211103070000;"
        + "w21003-Min=0.31,w21003-Avg=0.42,w21003-Max=0.57,w21003-Flag=N;"
        + "w00000-Cou=1250.5,w00000-ZsRtd=3,w00000-Flag=N&&")
    let ammonia = try #require(decoded.cp.pollutant(named: "w21003"))
    #expect(ammonia.min == 0.31)
    #expect(ammonia.avg == 0.42)
    #expect(ammonia.max == 0.57)
    #expect(ammonia.rtd == nil)
    let flow = try #require(decoded.cp.pollutant(named: "w00000"))
    #expect(flow.cou == 1250.5)
    #expect(flow.otherItems == [HJ212Field(name: "ZsRtd", value: "3")])
    #expect(decoded.cn == 2061)
}

@Test func aliasNamesDecodeAsSent() throws {
    let decoded = try packet(header + "CP=&&DataTime=20211103080000;PM25-Rtd=41,PM25-Flag=N;"
        + "NH3-N-Rtd=0.8&&")
    #expect(decoded.cp.pollutants.map(\.name) == ["PM25", "NH3-N"])
    #expect(decoded.cp.pollutant(named: "NH3-N")?.rtd == 0.8)
}

@Test func manyPollutants() throws {
    let items = (0..<150).map { "x\($0)-Rtd=\($0).5,x\($0)-Flag=N" }.joined(separator: ";")
    let decoded = try packet(header + "CP=&&DataTime=20211103080000;" + items + "&&")
    #expect(decoded.cp.pollutants.count == 150)
    #expect(decoded.cp.pollutant(named: "x149")?.rtd == 149.5)
    #expect(decoded.cp.pollutants.allSatisfy { $0.flag == "N" })
}

@Test func fieldsMayComeInAnyOrderButCPLast() throws {
    let decoded = try packet("MN=NB0001;PW=123456;Flag=4;CN=2011;ST=22;QN=20211103080000123;"
        + "CP=&&&&")
    #expect(decoded.mn == "NB0001")
    #expect(decoded.cp == HJ212CP())
}

@Test func splitPacketsNeedPNUMAndPNO() throws {
    let split = try packet("QN=20211103080000123;ST=22;CN=2011;PW=123456;MN=NB0001;Flag=7;"
        + "PNUM=3;PNO=2;CP=&&DataTime=20211103080000&&")
    #expect(split.flag.isSplit)
    #expect(split.packetCount == 3)
    #expect(split.packetNumber == 2)
    #expect(failure("QN=20211103080000123;ST=22;CN=2011;PW=123456;MN=NB0001;Flag=7;PNUM=3;"
        + "CP=&&&&")?.reason == .missingField)
    #expect(failure("QN=20211103080000123;ST=22;CN=2011;PW=123456;MN=NB0001;Flag=7;PNUM=3;"
        + "PNO=4;CP=&&&&")?.reason == .badField)
}

@Test func missingFieldsAreNamed() throws {
    let noMN = try #require(failure("QN=20211103080000123;ST=22;CN=2011;PW=123456;Flag=5;"
        + "CP=&&&&"))
    #expect(noMN.reason == .missingField)
    #expect(noMN.message.contains("MN"))
    #expect(failure("QN=20211103080000123;ST=22;CN=2011;PW=123456;MN=NB0001;Flag=5")?.reason
            == .missingField)
    #expect(failure("ST=22;CN=2011;PW=123456;MN=NB0001;Flag=5;CP=&&&&")?.reason == .missingField)
    #expect(failure("QN=20211103080000123;ST=22;CN=2011;PW=123456;MN=NB0001;CP=&&&&")?.reason
            == .missingField)
    #expect(failure("")?.reason == .missingField)
}

@Test func malformedFieldsAreBadFields() {
    let cases = [
        "QN=2021110308000012;ST=22;CN=2011;PW=123456;MN=NB0001;Flag=5;CP=&&&&",
        "QN=20211103080000123;ST=2;CN=2011;PW=123456;MN=NB0001;Flag=5;CP=&&&&",
        "QN=20211103080000123;ST=22;CN=201X;PW=123456;MN=NB0001;Flag=5;CP=&&&&",
        "QN=20211103080000123;ST=22;CN=2011;PW=12345;MN=NB0001;Flag=5;CP=&&&&",
        "QN=20211103080000123;ST=22;CN=2011;PW=123456;MN=;Flag=5;CP=&&&&",
        "QN=20211103080000123;ST=22;CN=2011;PW=123456;MN=0123456789012345678901234;Flag=5;CP=&&&&",
        "QN=20211103080000123;ST=22;CN=2011;PW=123456;MN=NB0001;Flag=256;CP=&&&&",
        "QN=20211103080000123;ST=22;CN=2011;PW=123456;MN=NB0001;MN=NB0002;Flag=5;CP=&&&&",
        "QN=20211103080000123;ST=22;CN=2011;PW=123456;MN=NB0001;Flag=5;XX=1;CP=&&&&",
        "QN=20211103080000123;ST=22;CN=2011;PW=123456;MN=NB0001;Flag=5;junk;CP=&&&&",
    ]
    for data in cases {
        #expect(failure(data)?.reason == .badField, "\(data)")
    }
}

@Test func malformedCPIsBadCP() {
    let cases = [
        "CP=&&DataTime=2021110308000;a34004-Rtd=1&&",
        "CP=&&DataTime=20211303080000&&",
        "CP=&&a34004-Rtd=abc&&",
        "CP=&&a34004-Rtd=&&",
        "CP=&&a34004-Rtd=nan&&",
        "CP=&&a34004-Rtd=1,a34004-Rtd=2&&",
        "CP=&&a34004-Rtd&&",
        "CP=&&DataTime=20211103080000;DataTime=20211103080000&&",
        "CP=&&a34004-Rtd=1",
        "CP=&&&",
        "CP=a34004-Rtd=1&&",
    ]
    for cp in cases {
        #expect(failure(header + cp)?.reason == .badCP, "\(cp)")
    }
}

@Test func numbersInEveryUsualShape() throws {
    let decoded = try packet(header + "CP=&&a-Rtd=-0.5;b-Rtd=+3;c-Rtd=12.;d-Rtd=.25;"
        + "e-Rtd=0.1234567890123456789;f-Rtd=1e3;g-Rtd=007&&")
    let values = decoded.cp.pollutants.map(\.rtd)
    #expect(values == [-0.5, 3, 12, 0.25, 0.1234567890123456789, 1000, 7])
}

@Test func encodeWritesTheStandardsLayout() throws {
    let built = HJ212Packet(
        qn: "20211103080000123", st: 22, cn: 2011, pw: "123456", mn: "NB0001",
        flag: HJ212Flag(wantsReply: true),
        cp: HJ212CP(dataTime: "20211103080000", pollutants: [
            HJ212Pollutant(name: "a34004", rtd: 38.2, flag: "N"),
            HJ212Pollutant(name: "w21003", min: 0.00001, avg: 100, max: 1e16, cou: -0.5),
        ]))
    let text = String(decoding: built.dataSegment, as: UTF8.self)
    #expect(text == "QN=20211103080000123;ST=22;CN=2011;PW=123456;MN=NB0001;Flag=5;"
        + "CP=&&DataTime=20211103080000;a34004-Rtd=38.2,a34004-Flag=N;"
        + "w21003-Min=0.00001,w21003-Avg=100,w21003-Max=10000000000000000,w21003-Cou=-0.5&&")
    #expect(try HJ212Packet(frame: built.frame()[...]) == built)
}

@Test func pollutantWithoutItemsIsLeftOut() {
    let built = HJ212Packet(qn: "20211103080000123", st: 22, cn: 2011, pw: "123456", mn: "M",
                            flag: HJ212Flag(wantsReply: false),
                            cp: HJ212CP(pollutants: [HJ212Pollutant(name: "a34004"),
                                                     HJ212Pollutant(name: "a34002", rtd: 50)]))
    #expect(String(decoding: built.dataSegment, as: UTF8.self).hasSuffix("CP=&&a34002-Rtd=50&&"))
}

@Test func splitPacketEncodesPNUMAndPNO() throws {
    let built = HJ212Packet(qn: "20211103080000123", st: 5, cn: 2011, pw: "123456", mn: "M",
                            flag: HJ212Flag(wantsReply: false, isSplit: true),
                            packetCount: 2, packetNumber: 1)
    let text = String(decoding: built.dataSegment, as: UTF8.self)
    #expect(text == "QN=20211103080000123;ST=05;CN=2011;PW=123456;MN=M;Flag=6;PNUM=2;PNO=1;"
        + "CP=&&&&")
    #expect(try packet(text) == built)
}
