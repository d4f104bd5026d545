#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain blocking TCP connection to an HJ 212 receiver, as a station's logger would hold:
/// send frames (or any bytes), read the replies. For the simulator and for tests.
public final class HJ212Client {
    private let descriptor: Int32
    private var splitter = HJ212FrameSplitter()

    /// Connects to an IPv4 `host` (dotted quad or `localhost`) and `port`, from the local IPv4
    /// address `source` when given (on Linux any 127.x.y.z is a distinct loopback source), with
    /// a send buffer of `sendBuffer` bytes when given (the system's otherwise).
    public init(host: String, port: Int, from source: String? = nil, sendBuffer: Int? = nil) throws(HJ212ClientError) {
        let address = host == "localhost" ? "127.0.0.1" : host
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw HJ212ClientError("cannot open a socket (errno \(errno))") }
        guard var remote = Self.ipv4(address, port: port) else {
            close(fd)
            throw HJ212ClientError("\(host) is not an IPv4 address")
        }
        if var size = sendBuffer.map(Int32.init) {
            setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        if let source {
            guard var local = Self.ipv4(source, port: 0) else {
                close(fd)
                throw HJ212ClientError("\(source) is not an IPv4 address")
            }
            guard Self.call(bind, fd, &local) == 0 else {
                let code = errno
                close(fd)
                throw HJ212ClientError("cannot connect from \(source): \(String(cString: strerror(code)))")
            }
        }
        guard Self.call(connect, fd, &remote) == 0 else {
            let code = errno
            close(fd)
            throw HJ212ClientError("cannot connect to \(host):\(port): \(String(cString: strerror(code)))")
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// The IPv4 socket address of a dotted quad and port, or nil when `text` is not one.
    private static func ipv4(_ text: String, port: Int) -> sockaddr_in? {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return inet_pton(AF_INET, text, &address.sin_addr) == 1 ? address : nil
    }

    /// Calls `bind` or `connect` on `fd` with an IPv4 address.
    private static func call(_ function: (Int32, UnsafePointer<sockaddr>, socklen_t) -> Int32,
                             _ fd: Int32, _ address: inout sockaddr_in) -> Int32 {
        withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                function(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    /// Sends all of `bytes`.
    public func send(_ bytes: [UInt8]) throws(HJ212ClientError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                #else
                Darwin.send(descriptor, raw.baseAddress! + offset, raw.count - offset, 0)
                #endif
            }
            if sent < 0 {
                if errno == EINTR { continue }
                throw HJ212ClientError("send failed: \(String(cString: strerror(errno)))")
            }
            offset += sent
        }
    }

    /// The next reply frame, decoded; nil when none came within `timeout` seconds or the
    /// receiver closed the connection (see `isClosed`).
    public func receive(timeout: Double) -> HJ212Packet? {
        var deadline = timespec()
        clock_gettime(CLOCK_MONOTONIC, &deadline)
        let end = Double(deadline.tv_sec) + Double(deadline.tv_nsec) / 1e9 + timeout
        while true {
            while let next = splitter.next() {
                if case .success(let frame) = next, let packet = try? HJ212Packet(frame: frame[...]) {
                    return packet
                }
            }
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let left = end - (Double(now.tv_sec) + Double(now.tv_nsec) / 1e9)
            guard left > 0, !isClosed else { return nil }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, left * 1000)))
            if ready <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 {
                if count < 0, errno == EINTR || errno == EAGAIN { continue }
                isClosed = true
                return nil
            }
            splitter.append(chunk[0..<count])
        }
    }

    /// Whether the receiver has closed the connection (seen by `receive`).
    public private(set) var isClosed = false
}

/// A connection could not be made or used.
public struct HJ212ClientError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
