import Foundation
import Testing
import EcoWatchUI
@testable import EcoWatchTerminal

/// The run loop on a real terminal (ncursesw on a pseudo-terminal): work finished off the loop
/// is taken between ticks, as soon as its wake-up is signalled.
@Suite struct RunLoopWakeupTests {
    /// A program whose only way out is to be woken (or a key, which the test types only after
    /// waiting 30 s in vain for the wake-up to be taken); its tick never comes within the test.
    final class Program: ConsoleProgram {
        let wakeup = LoopWakeup()
        let palette = Palette(theme: Theme(name: "t", colors: [:]))
        let drawn = DispatchSemaphore(value: 0)
        /// Signalled as the wake-up is taken.
        let taken = DispatchSemaphore(value: 0)
        private(set) var woken = false
        private(set) var keys = 0

        func render() -> Canvas {
            drawn.signal()
            return Canvas(width: 20, height: 5)
        }

        func handle(_ event: InputEvent) -> LoopCommand {
            guard case .key = event else { return .none }
            keys += 1
            return .quit
        }

        func tick() -> LoopCommand { .none }

        func wake() -> LoopCommand {
            guard wakeup?.clear() == true else { return .none }
            woken = true
            taken.signal()
            return .quit
        }
    }

    @Test func aWakeupBetweenTicksIsTakenAtOnce() throws {
        let terminal = try PseudoTerminal()
        let program = Program()
        let wakeup = try #require(program.wakeup)
        let options = ConsoleOptions(tickMilliseconds: 600_000,
                                     screen: .init(input: terminal.slave, output: terminal.slave, terminalType: "xterm-256color"))
        let drawn = program.drawn, taken = program.taken
        DispatchQueue.global().async {
            // Once the first frame is drawn the loop sleeps: wake it. Should it not take the
            // wake-up, a key ends it, so the test ends either way.
            guard drawn.wait(timeout: .now() + 30) == .success else { return terminal.type("q") }
            wakeup.signal()
            if taken.wait(timeout: .now() + 30) == .timedOut { terminal.type("q") }
        }
        let screen = try TerminalScreen(options: options.screen)
        let exit = runConsole(program, on: screen, options: options)
        screen.stop()
        #expect(exit == .quit)
        #expect(program.woken && program.keys == 0)
    }
}

/// A pseudo-terminal whose master side is read (and thrown away) so the screen never blocks.
final class PseudoTerminal: @unchecked Sendable {
    let master: Int32
    let slave: Int32

    init() throws {
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        // grantpt, unlockpt and ptsname are hidden from Swift's Glibc module: reach them
        // through the dynamic linker.
        typealias Control = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        let libc = dlopen(nil, RTLD_NOW)
        guard master >= 0, let grant = dlsym(libc, "grantpt"), let unlock = dlsym(libc, "unlockpt"),
              let name = dlsym(libc, "ptsname"), unsafeBitCast(grant, to: Control.self)(master) == 0,
              unsafeBitCast(unlock, to: Control.self)(master) == 0,
              let path = unsafeBitCast(name, to: Name.self)(master) else {
            throw PseudoTerminalError()
        }
        slave = open(path, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw PseudoTerminalError() }
        let master = self.master
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while read(master, &buffer, buffer.count) > 0 {}
        }
    }

    func type(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
    }

    deinit {
        close(slave)
        close(master)
    }
}

struct PseudoTerminalError: Error {}
