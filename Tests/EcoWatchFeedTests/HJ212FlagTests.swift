import Testing
import EcoWatchFeed

@Test func flagBits() {
    let five = HJ212Flag(rawValue: 5)
    #expect(five.wantsReply)
    #expect(!five.isSplit)
    #expect(five.version == 1)
    let four = HJ212Flag(rawValue: 4)
    #expect(!four.wantsReply)
    #expect(four.version == 1)
    let seven = HJ212Flag(rawValue: 7)
    #expect(seven.isSplit && seven.wantsReply)
    #expect(HJ212Flag(rawValue: 0).version == 0)
}

@Test func flagFromParts() {
    #expect(HJ212Flag(wantsReply: true).rawValue == 5)
    #expect(HJ212Flag(wantsReply: false).rawValue == 4)
    #expect(HJ212Flag(wantsReply: false, isSplit: true).rawValue == 6)
    #expect(HJ212Flag(version: 0, wantsReply: true).rawValue == 1)
}
