// Writes the `hj212` target's seed frames, built by the codec's own encoder, into the folder
// given as the argument. Build and run (from the repository root):
//   swiftc -parse-as-library -module-name HJ212Seeds Sources/EcoWatchFeed/HJ212/*.swift \
//       Fuzz/Seeds/HJ212Seeds.swift -o .build-fuzz/hj212-seeds
//   .build-fuzz/hj212-seeds Fuzz/corpus/hj212

import Foundation

@main
struct HJ212Seeds {
    static func main() throws {
        let folder = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Fuzz/corpus/hj212"
        func write(_ name: String, _ bytes: [UInt8]) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        let air = HJ212Packet(
            qn: "20211103080000123", st: 22, cn: 2011, pw: "203037", mn: "330203A000000001",
            flag: HJ212Flag(wantsReply: true),
            cp: HJ212CP(dataTime: "20211103080000", pollutants: [
                HJ212Pollutant(name: "a34004", rtd: 38.2, flag: "N"),
                HJ212Pollutant(name: "a34002", rtd: 61, flag: "N"),
                HJ212Pollutant(name: "a21026", rtd: 7.5, flag: "N"),
                HJ212Pollutant(name: "a21004", rtd: 31.25, flag: "N"),
                HJ212Pollutant(name: "a21005", rtd: 0.6, flag: "N"),
                HJ212Pollutant(name: "a05024", rtd: 96, flag: "M"),
            ]))
        let water = HJ212Packet(
            qn: "20220615100000001", st: 21, cn: 2061, pw: "203111", mn: "330203W000000003",
            flag: HJ212Flag(wantsReply: false),
            cp: HJ212CP(dataTime: "20220615100000", pollutants: [
                HJ212Pollutant(name: "w01009", min: 6.1, avg: 6.8, max: 7.4, flag: "N"),
                HJ212Pollutant(name: "w21003", min: 0.21, avg: 0.35, max: 0.52, flag: "N"),
                HJ212Pollutant(name: "w21011", avg: 0.112, cou: 1.5, flag: "D",
                               otherItems: [HJ212Field(name: "SampleTime", value: "20220615093000")]),
            ]))
        let split = HJ212Packet(
            qn: "20240101000000000", st: 26, cn: 2031, pw: "226001", mn: "330206S000000041",
            flag: HJ212Flag(wantsReply: true, isSplit: true), packetCount: 3, packetNumber: 2,
            cp: HJ212CP(dataTime: "20231231000000", pollutants: [
                HJ212Pollutant(name: "PM25", avg: -0.5),
                HJ212Pollutant(name: "w01001", avg: 7.92, flag: "N"),
            ], fields: [HJ212Field(name: "RtdInterval", value: "30")]))
        let airFrame = try air.frame(), waterFrame = try water.frame()
        try write("realtime-air.frame", airFrame)
        try write("hourly-water.frame", waterFrame)
        try write("daily-sea-split.frame", try split.frame())
        try write("reply-9011.frame", try air.requestAnswer(.ready).frame())
        try write("reply-9012.frame", try air.executionResult(.busy).frame())
        try write("reply-9014.frame", try air.dataAnswer().frame())
        // A stream: noise, two frames back to back, a frame cut short by the next ##.
        try write("stream.bin", Array("\u{0}noise\r\n".utf8) + airFrame + waterFrame
                  + Array("##0042QN=2021".utf8) + airFrame)
        // A lower-case CRC, which receivers must accept.
        var lower = waterFrame
        for i in (lower.count - 6)..<(lower.count - 2) where (0x41...0x46).contains(lower[i]) {
            lower[i] += 0x20
        }
        try write("lowercase-crc.frame", lower)
    }
}
