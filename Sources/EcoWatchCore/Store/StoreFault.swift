/// Why a store that was answering stopped, in the few words a console's header has room for.
/// Every `StoreError` a running console can meet falls in one of these.
public enum StoreFault: Hashable, Sendable, CaseIterable {
    /// A database server that cannot be reached: stopped, the network gone, or no answer in time.
    case unreachable
    /// An SQLite file held locked by another process beyond the wait for it.
    case locked
    /// A database that cannot be read: its file removed or replaced, damaged, or a server that
    /// refuses the queries.
    case unreadable

    public init(_ error: any Error) {
        switch error as? StoreError {
        case .unreachable?: self = .unreachable
        case .locked?: self = .locked
        default: self = .unreadable
        }
    }
}
