/// Where the overview's six panes sit: three columns by two rows (air, water, waste above;
/// marine, tasks, districts below). Shared by rendering and mouse hit-testing.
struct OverviewLayout {
    let panes: [Pane: Rect]
    /// The live band above the panes (empty without a feed).
    let now: Rect

    /// The layout `state` is drawn with (the live band when a feed is watched).
    init(_ state: AppState) {
        let body = Frame.body(width: state.width, height: state.height, kiosk: state.kiosk != nil)
        self.init(width: state.width, height: state.height, kiosk: state.kiosk != nil,
                  nowHeight: NowBand.height(state, bodyHeight: body.height))
    }

    init(width: Int, height: Int, kiosk: Bool = false, nowHeight: Int = 0) {
        let full = Frame.body(width: width, height: height, kiosk: kiosk)
        now = Rect(x: full.x, y: full.y, width: full.width, height: nowHeight)
        let body = Rect(x: full.x, y: full.y + nowHeight, width: full.width, height: full.height - nowHeight)
        let columnWidth = body.width / 3
        let rowHeight = body.height / 2
        var panes: [Pane: Rect] = [:]
        for (i, pane) in Pane.allCases.enumerated() {
            let column = i % 3, row = i / 3
            let x = body.x + column * columnWidth
            let w = column == 2 ? body.width - 2 * columnWidth : columnWidth
            let y = body.y + row * rowHeight
            let h = row == 1 ? body.height - rowHeight : rowHeight
            panes[pane] = Rect(x: x, y: y, width: w, height: h)
        }
        self.panes = panes
    }

    func pane(atX x: Int, y: Int) -> Pane? {
        Pane.allCases.first { panes[$0]?.contains(x: x, y: y) == true }
    }
}
