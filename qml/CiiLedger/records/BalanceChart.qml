import QtQuick
import CiiLedger.Components

// The running balance over the last entries, oldest on the left: a line, with receipts (green), dispenses (dark)
// and counts (orange) marked, so a drift shows at a glance.
Canvas {
    id: chart
    property var points: []
    implicitHeight: Theme.chartHeight
    Accessible.role: Accessible.Chart
    Accessible.name: points.length > 0 ? qsTr("Balance over the last %1 entries, from %2 to %3")
                                         .arg(points.length).arg(points[0].balance).arg(points[points.length - 1].balance)
                                       : qsTr("No balance history yet")
    onPointsChanged: requestPaint()
    onWidthChanged: requestPaint()

    function colourOf(kind) {
        if (kind === "receive" || kind === "transfer-in") return Theme.good
        if (kind === "count" || kind === "inventory") return Theme.chartCount
        if (kind === "void" || kind === "adjustment") return Theme.bad
        return Theme.text
    }

    onPaint: {
        const ctx = getContext("2d")
        ctx.reset()
        ctx.fillStyle = Theme.surface
        ctx.fillRect(0, 0, width, height)
        if (points.length < 2)
            return
        let max = 1
        for (const p of points) max = Math.max(max, p.balance)
        const pad = Theme.chartPadding
        const x = i => pad + i * (width - 2 * pad) / (points.length - 1)
        const y = b => height - pad - b * (height - 2 * pad) / max
        ctx.strokeStyle = Theme.accent
        ctx.lineWidth = Theme.chartLineWidth
        ctx.beginPath()
        points.forEach((p, i) => i === 0 ? ctx.moveTo(x(i), y(p.balance)) : ctx.lineTo(x(i), y(p.balance)))
        ctx.stroke()
        points.forEach((p, i) => {
            ctx.fillStyle = colourOf(p.kind)
            ctx.beginPath()
            ctx.arc(x(i), y(p.balance), Theme.chartDotRadius, 0, 2 * Math.PI)
            ctx.fill()
        })
        ctx.fillStyle = Theme.textMuted
        ctx.font = Theme.fontSmall + "px sans-serif"
        ctx.fillText(max, Theme.chartLabelX, Theme.chartLabelY)
    }
}
