import Testing
@testable import EcoWatchTerminal

@Suite("ColourDepth")
struct ColourDepthTests {
    @Test func detectsFromColoursCapabilityAndEnvironment() {
        #expect(ColourDepth.detect(colours: 1 << 24, hasRGBCapability: true, environment: [:]) == .trueColour)
        #expect(ColourDepth.detect(colours: 1 << 24, hasRGBCapability: false, environment: ["COLORTERM": "truecolor"]) == .trueColour)
        #expect(ColourDepth.detect(colours: 1 << 24, hasRGBCapability: false, environment: ["COLORTERM": "24bit"]) == .trueColour)
        // COLORTERM alone cannot make a 256-colour terminfo entry send 24-bit colour.
        #expect(ColourDepth.detect(colours: 256, hasRGBCapability: false, environment: ["COLORTERM": "truecolor"]) == .ansi256)
        #expect(ColourDepth.detect(colours: 8, hasRGBCapability: false, environment: [:]) == .ansi8)
        #expect(ColourDepth.detect(colours: 0, hasRGBCapability: false, environment: [:]) == .monochrome)
    }

    @Test func noColourMeansMonochromeWhenNotEmpty() {
        #expect(ColourDepth.detect(colours: 1 << 24, hasRGBCapability: true, environment: ["NO_COLOR": "1"]) == .monochrome)
        #expect(ColourDepth.detect(colours: 256, hasRGBCapability: false, environment: ["NO_COLOR": ""]) == .ansi256)
    }

    @Test func limitKeepsTheLesserDepth() {
        #expect(ColourDepth.trueColour.limited(to: .ansi8) == .ansi8)
        #expect(ColourDepth.ansi8.limited(to: .trueColour) == .ansi8)
        #expect(ColourDepth.ansi256.limited(to: .monochrome) == .monochrome)
    }

    @Test func trueColourPacksRGB() {
        #expect(ColourDepth.trueColour.colourNumber(for: RGB(r: 0x12, g: 0x34, b: 0x56)) == 0x123456)
        // Numbers below 8 would be sent as the ANSI palette: near-black moves up a step.
        #expect(ColourDepth.trueColour.colourNumber(for: RGB(r: 0, g: 0, b: 0)) == 8)
        #expect(ColourDepth.trueColour.colourNumber(for: nil) == -1)
    }

    @Test func nearestOfTheXterm256CubeAndGreyRamp() {
        let depth = ColourDepth.ansi256
        #expect(depth.colourNumber(for: RGB(r: 255, g: 0, b: 0)) == 196)
        #expect(depth.colourNumber(for: RGB(r: 0, g: 0, b: 0)) == 16)
        #expect(depth.colourNumber(for: RGB(r: 255, g: 255, b: 255)) == 231)
        #expect(depth.colourNumber(for: RGB(r: 128, g: 128, b: 128)) == 244)   // grey ramp: 128
        #expect(depth.colourNumber(for: RGB(r: 0x5f, g: 0x87, b: 0xaf)) == 67)  // exactly on the cube
        #expect(depth.colourNumber(for: nil) == -1)
    }

    @Test func basicColoursByHue() {
        let depth = ColourDepth.ansi8
        #expect(depth.colourNumber(for: RGB(hex: "#a6e3a1")) == 2)  // pastel green stays green
        #expect(depth.colourNumber(for: RGB(hex: "#f38ba8")) == 1)  // pastel red stays red
        #expect(depth.colourNumber(for: RGB(hex: "#f9e2af")) == 3)  // pastel yellow
        #expect(depth.colourNumber(for: RGB(hex: "#89b4fa")) == 4)  // blue
        #expect(depth.colourNumber(for: RGB(hex: "#1e1e2e")) == 0)  // dark background: black
        #expect(depth.colourNumber(for: RGB(hex: "#cdd6f4")) == 7)  // light grey text: white
        #expect(depth.colourNumber(for: RGB(hex: "#00aaaa")) == 6)
        #expect(depth.colourNumber(for: RGB(hex: "#aa00aa")) == 5)
    }

    @Test func foregroundNeverVanishesIntoTheBackground() {
        // Two different blues both read as blue; the text must not be blue on blue.
        let background = ColourDepth.ansi8.colourNumber(for: RGB(hex: "#0000aa"))
        let text = ColourDepth.ansi8.colourNumber(for: RGB(hex: "#3030ff"), avoiding: background)
        #expect(background == 4)
        #expect(text != 4)
        // The same colour on purpose stays the same.
        let same = ColourDepth.ansi256.colourNumber(for: RGB(r: 255, g: 0, b: 0), avoiding: 196)
        #expect(same == 196)
    }

    @Test func parsesHex() {
        #expect(RGB(hex: "#0a0B0c") == RGB(r: 10, g: 11, b: 12))
        #expect(RGB(hex: "0a0b0c") == RGB(r: 10, g: 11, b: 12))
        #expect(RGB(hex: "#fff") == nil)
        #expect(RGB(hex: "default") == nil)
    }
}
