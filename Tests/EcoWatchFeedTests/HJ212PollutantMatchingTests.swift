import Testing
import EcoWatchFeed

// The CP decoder tells pollutants apart by a word made of the name (names of up to 8 bytes)
// or folded from it (longer names) before comparing bytes; the word of a short name is read
// eight bytes at a time except near the end of the section. These pin that any spelling of
// the same name lands on the same pollutant, wherever it stands.

private func pollutants(_ cp: String) throws(HJ212Error) -> [HJ212Pollutant] {
    let data = "QN=20211103080000123;ST=22;CN=2011;PW=123456;MN=NB0001;Flag=5;CP=&&" + cp + "&&"
    return try HJ212Packet(dataSegment: Array(data.utf8)[...]).cp.pollutants
}

@Test func itemsOfOnePollutantMeetWhereverTheyStand() throws {
    let found = try pollutants("DataTime=20211103080000;abcdefghijk-Rtd=1,x-Rtd=2;a34004-Rtd=3;"
        + "abcdefghijk-Flag=N,x-Flag=M;abcdefghijx-Rtd=4;a34004-Flag=D;x-Avg=5")
    #expect(found.map(\.name) == ["abcdefghijk", "x", "a34004", "abcdefghijx"])
    #expect(found.map(\.rtd) == [1, 2, 3, 4])
    #expect(found.map(\.flag) == ["N", "M", "D", nil])
    #expect(found[1].avg == 5)
}

@Test func namesThatShareAPrefixOrAWordStayApart() throws {
    let found = try pollutants("a3400-Rtd=1;a34004-Rtd=2;a340040-Rtd=3;a3400400-Rtd=4;a34004000-Rtd=5;"
        + "a3400-Flag=N;a34004000-Flag=T")
    #expect(found.map(\.name) == ["a3400", "a34004", "a340040", "a3400400", "a34004000"])
    #expect(found.map(\.rtd) == [1, 2, 3, 4, 5])
    #expect(found.first?.flag == "N")
    #expect(found.last?.flag == "T")
}

@Test func aRepeatedItemAtTheVeryEndIsStillARepeat() {
    #expect(throws: HJ212Error.self) { try pollutants("z-Rtd=1;a-Rtd=2;z-Rtd=3") }
    #expect((try? pollutants("z-Rtd=1;a-Rtd=2;z-Flag=N"))?.first?.flag == "N")
}
