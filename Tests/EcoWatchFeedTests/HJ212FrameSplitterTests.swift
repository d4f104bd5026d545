import EcoWatchCore
import Testing
import EcoWatchFeed

private let first = "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;"
    + "MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n"
private let second = frame("QN=20211103080000000;ST=22;CN=2011;PW=123456;MN=NB0001;Flag=4;"
    + "CP=&&DataTime=20211103080000;a34004-Rtd=38.2,a34004-Flag=N&&")
private let third = frame("QN=20211103080100000;ST=21;CN=2061;PW=654321;MN=NB0002;Flag=5;"
    + "CP=&&DataTime=20211103070000;w21003-Avg=0.42,w21003-Flag=N&&")

private func frame(_ data: String) -> String {
    // Built by the encoder under test; `HJ212FrameTests` checks it against the standard.
    String(decoding: (try? HJ212Frame.encode(dataSegment: Array(data.utf8))) ?? [], as: UTF8.self)
}

private enum Item: Equatable {
    case frame(String)
    case error(RefusalReason)
}

private func split(_ chunks: [String], maxDataLength: Int = 1024) -> [Item] {
    split(chunks.map { Array($0.utf8) }, maxDataLength: maxDataLength)
}

private func split(_ chunks: [[UInt8]], maxDataLength: Int = 1024) -> [Item] {
    var splitter = HJ212FrameSplitter(maxDataLength: maxDataLength)
    var items: [Item] = []
    for chunk in chunks {
        splitter.append(chunk)
        while let result = splitter.next() {
            switch result {
            case .success(let bytes): items.append(.frame(String(decoding: bytes, as: UTF8.self)))
            case .failure(let error): items.append(.error(error.reason))
            }
        }
    }
    return items
}

@Test func oneFrameInOneChunk() {
    #expect(split([first]) == [.frame(first)])
}

@Test func frameSplitAtEveryBytePosition() {
    let bytes = Array((first + second).utf8)
    for cut in 0...bytes.count {
        let items = split([Array(bytes[..<cut]), Array(bytes[cut...])])
        #expect(items == [.frame(first), .frame(second)], "cut at \(cut)")
    }
}

@Test func frameFedOneByteAtATime() {
    let chunks = Array((first + "noise" + second).utf8).map { [$0] }
    #expect(split(chunks) == [.frame(first), .error(.notAFrame), .frame(second)])
}

@Test func severalFramesInOneChunk() {
    #expect(split([first + second + third]) == [.frame(first), .frame(second), .frame(third)])
}

@Test func garbageBeforeAndBetweenFramesIsReportedOncePerRun() {
    #expect(split(["hello " + first + "\r\n\0junk" + second])
            == [.error(.notAFrame), .frame(first), .error(.notAFrame), .frame(second)])
    // One run of noise over several reads is one report.
    #expect(split(["abc", "def", "#", "x", first]) == [.error(.notAFrame), .frame(first)])
    // Noise after the last frame, then more noise, then a frame, then noise again.
    #expect(split([first + "tail", "more", second, "end"])
            == [.frame(first), .error(.notAFrame), .frame(second), .error(.notAFrame)])
}

@Test func aHashAtTheEndOfAReadMayStartTheNextFrame() {
    let rest = String(second.dropFirst())
    #expect(split([first + "#", rest]) == [.frame(first), .frame(second)])
    #expect(split(["#" + first]) == [.error(.notAFrame), .frame(first)])
}

@Test func frameCutShortByTheNextOne() {
    let cut = String(first.prefix(40))
    #expect(split([cut + second]) == [.error(.length), .frame(second)])
    #expect(split([cut, second]) == [.error(.length), .frame(second)])
}

@Test func overSizeFrameIsReportedOnceAndSkipped() {
    let long = "##9999" + String(repeating: "A", count: 300)
    #expect(split([long + "1234\r\n" + second], maxDataLength: 200)
            == [.error(.tooLong), .frame(second)])
    let byteByByte = Array((long + "1234\r\n" + second).utf8).map { [$0] }
    #expect(split(byteByByte, maxDataLength: 200) == [.error(.tooLong), .frame(second)])
    // A frame just at the limit passes.
    let atLimit = frame(String(repeating: "B", count: 200))
    #expect(split([atLimit], maxDataLength: 200) == [.frame(atLimit)])
    #expect(split([atLimit], maxDataLength: 199) == [.error(.tooLong)])
}

@Test func memoryStaysBoundedOnEndlessNoise() {
    var splitter = HJ212FrameSplitter()
    var reports = 0
    for _ in 0..<1_000 {
        splitter.append([UInt8](repeating: 0x41, count: 1_000))
        while let result = splitter.next() {
            if case .failure = result { reports += 1 }
        }
        #expect(splitter.bufferedCount <= 1)
    }
    #expect(reports == 1)
    var unended = HJ212FrameSplitter(maxDataLength: 1024)
    unended.append(Array("##0101".utf8))
    for _ in 0..<100 {
        unended.append([UInt8](repeating: 0x42, count: 100))
        while unended.next() != nil {}
        #expect(unended.bufferedCount <= 1036)
    }
}
