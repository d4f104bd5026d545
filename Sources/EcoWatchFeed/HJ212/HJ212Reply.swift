import EcoWatchCore

/// `QnRtn` of a 9011 request answer: whether the request will be carried out.
public enum HJ212RequestResult: Int, CaseIterable, Sendable {
    case ready = 1
    case refused = 2
    case wrongPassword = 3
    case wrongMN = 4
    case wrongST = 5
    case wrongFlag = 6
    case wrongQN = 7
    case wrongCN = 8
    case crcError = 9
    case unknown = 100
}

/// `ExeRtn` of a 9012 execution result.
public enum HJ212ExecutionResult: Int, CaseIterable, Sendable {
    case success = 1
    /// Failed for a reason the executor does not know.
    case failed = 2
    /// The command's conditions were wrong.
    case badCondition = 3
    case timeout = 4
    case busy = 5
    case systemFault = 6
    case noData = 100
}

/// Replies to a received packet, as HJ 212-2017 frames them: the request's QN, PW and MN
/// echoed, ST=91 (system interaction), Flag=4 (version 2017, no reply wanted), and
///
/// - 9011 request answer: `QN=…;ST=91;CN=9011;PW=…;MN=…;Flag=4;CP=&&QnRtn=1&&`
/// - 9012 execution result: `QN=…;ST=91;CN=9012;PW=…;MN=…;Flag=4;CP=&&ExeRtn=1&&`
/// - 9014 data answer: `QN=…;ST=91;CN=9014;PW=…;MN=…;Flag=4;CP=&&&&`
///
/// A platform answers an upload whose Flag has the A bit with 9014 once the data is stored, and
/// a command request with 9011 (then 9012 once it has been carried out).
extension HJ212Packet {
    /// The 9011 request answer (`QnRtn`).
    public func requestAnswer(_ result: HJ212RequestResult) -> HJ212Packet {
        reply(cn: .requestAnswer, fields: [HJ212Field(name: "QnRtn", value: String(result.rawValue))])
    }

    /// The 9012 execution result (`ExeRtn`).
    public func executionResult(_ result: HJ212ExecutionResult) -> HJ212Packet {
        reply(cn: .executionResult, fields: [HJ212Field(name: "ExeRtn", value: String(result.rawValue))])
    }

    /// The 9014 data answer.
    public func dataAnswer() -> HJ212Packet {
        reply(cn: .dataAnswer, fields: [])
    }

    private func reply(cn: DataCommand, fields: [HJ212Field]) -> HJ212Packet {
        HJ212Packet(qn: qn, st: 91, cn: cn, pw: pw, mn: mn,
                    flag: HJ212Flag(version: 1, wantsReply: false), cp: HJ212CP(fields: fields))
    }
}
