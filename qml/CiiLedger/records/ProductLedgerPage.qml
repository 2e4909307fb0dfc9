import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Every entry of one product, newest first, with its running balance; corrections linked to what they correct.
// Pages load as the list scrolls. Filters: kind and dates (YYYY-MM-DD, the pharmacy's days).
Page {
    id: page
    objectName: "ledgerPage"
    required property var product
    required property StackView stack
    property var chooseSeq: 0     // an entry to choose on opening ("Correct this entry" after recording it)
    readonly property var entries: Counter.ledgerFor(product.ndc11)
    // Column widths: entry, when, kind, change, balance, who; tighter on a 1024-wide panel.
    readonly property var cols: width < Theme.ledgerWideFrom ? Theme.ledgerColumnsNarrow : Theme.ledgerColumns
    background: Rectangle { color: Theme.background }
    Keys.onEscapePressed: stack.pop()

    Component.onCompleted: if (chooseSeq > 0) list.currentIndex = entries.rowOf(chooseSeq)
    VoidDialog { id: voidDialog }
    ReturnToStockDialog { id: returnDialog }

    // The entry tapped (or moved to with the arrow keys): what the action bar below the list acts on.
    readonly property var chosen: list.currentItem ? list.currentItem.entry : null
    readonly property bool canCorrect: chosen !== null && chosen.voidedBy === 0
                                       && ["count", "inventory", "void", "theft-or-loss", "opening-balance"].indexOf(chosen.kind) < 0
    readonly property bool canReturn: chosen !== null && chosen.voidedBy === 0 && chosen.kind === "dispense"
    function describe(e) {
        return qsTr("Entry %1: %2 %3 on %4 by %5 (%6).").arg(e.seq).arg(e.kind).arg(e.delta).arg(e.when).arg(e.who).arg(e.reference)
    }

    // An empty field clears the filter; anything else must be a real date. Returns the problem, or "".
    function applyDate(text, apply) {
        const t = text.trim()
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t)
        const real = m !== null && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) === t
        if (t !== "" && !real)
            return qsTr("\u201C%1\u201D is not a date written YYYY-MM-DD").arg(t)
        apply(t)
        return ""
    }

    readonly property var kinds: ["", "receive", "dispense", "return-to-stock", "transfer-in", "transfer-out",
                                  "return-to-supplier", "reverse-distributor", "destruction", "waste", "theft-or-loss",
                                  "count", "inventory", "opening-balance", "adjustment", "void"]

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing * 2
        spacing: Theme.spacing

        RowLayout {
            spacing: Theme.spacing
            Label {
                text: qsTr("Ledger \u00B7 %1 %2").arg(page.product.name).arg(page.product.strength)
                font.pixelSize: Theme.fontTitle
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            TouchButton { objectName: "backButton"; text: qsTr("Back"); onClicked: page.stack.pop() }
        }

        BalanceChart {
            id: chart
            objectName: "balanceChart"
            Layout.fillWidth: true
            points: Counter.balanceHistory(page.product.ndc11)
            Connections {
                target: Counter
                function onRecorded() { chart.points = Counter.balanceHistory(page.product.ndc11) }
            }
        }

        RowLayout {
            spacing: Theme.spacing
            ColumnLayout {
                spacing: Theme.spacingTight
                Label { text: qsTr("Kind"); font.pixelSize: Theme.fontLabel; color: Theme.textMuted }
                ComboBox {
                    objectName: "kindFilter"
                    model: page.kinds.map(k => k === "" ? qsTr("All kinds") : k)
                    Layout.preferredWidth: Theme.ledgerKindWidth
                    Layout.preferredHeight: Theme.touchTarget
                    font.pixelSize: Theme.fontBody
                    Accessible.name: qsTr("Filter by kind")
                    onActivated: (i) => page.entries.kind = page.kinds[i]
                }
            }
            FormField { objectName: "fromDate"; label: qsTr("From (YYYY-MM-DD)"); Layout.preferredWidth: Theme.ledgerDateWidth; Layout.fillWidth: false
                        onAccepted: problem = page.applyDate(text, d => page.entries.fromDate = d) }
            FormField { objectName: "toDate"; label: qsTr("To (YYYY-MM-DD)"); Layout.preferredWidth: Theme.ledgerDateWidth; Layout.fillWidth: false
                        onAccepted: problem = page.applyDate(text, d => page.entries.toDate = d) }
            Item { Layout.fillWidth: true }
        }

        // Column headings.
        RowLayout {
            spacing: Theme.spacing
            Layout.leftMargin: Theme.spacing
            Layout.rightMargin: Theme.spacing
            Repeater {
                model: [[qsTr("Entry"), page.cols[0]], [qsTr("When"), page.cols[1]], [qsTr("Kind"), page.cols[2]],
                        [qsTr("Change"), page.cols[3]], [qsTr("Balance"), page.cols[4]], [qsTr("Who"), page.cols[5]],
                        [qsTr("Reference"), -1]]
                Label {
                    required property var modelData
                    text: modelData[0]
                    font.pixelSize: Theme.fontLabel
                    color: Theme.textMuted
                    Layout.preferredWidth: modelData[1] > 0 ? modelData[1] : -1
                    Layout.fillWidth: modelData[1] < 0
                }
            }
        }

        ListView {
            id: list
            objectName: "ledgerList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: page.entries
            spacing: Theme.spacingTight
            currentIndex: -1
            keyNavigationEnabled: true
            highlightFollowsCurrentItem: false
            delegate: Rectangle {
                required property var seq
                required property string when
                required property string who
                required property string kind
                required property var delta
                required property var balanceAfter
                required property string reference
                required property var corrects
                required property var voidedBy
                required property int index
                readonly property var entry: ({ seq: seq, when: when, who: who, kind: kind, delta: delta,
                                                reference: reference, voidedBy: voidedBy })
                readonly property bool isChosen: ListView.isCurrentItem
                objectName: "entry_" + seq
                width: ListView.view.width
                height: Theme.touchTarget
                color: isChosen ? Theme.selection : voidedBy > 0 ? Theme.voided : Theme.surface
                border.color: isChosen ? Theme.accent : Theme.border
                border.width: isChosen ? Theme.borderWidthChosen : Theme.borderWidth
                radius: Theme.radius
                Accessible.role: Accessible.ListItem
                Accessible.name: qsTr("Entry %1, %2, %3, balance %4").arg(seq).arg(kind).arg(delta).arg(balanceAfter)
                TapHandler { onTapped: { list.currentIndex = index; list.forceActiveFocus() } }
                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: Theme.spacing
                    anchors.rightMargin: Theme.spacing
                    spacing: Theme.spacing
                    Label { text: seq; Layout.preferredWidth: page.cols[0]; font.pixelSize: Theme.fontBody; color: Theme.textMuted }
                    Label { text: when; Layout.preferredWidth: page.cols[1]; font.pixelSize: Theme.fontBody }
                    Label { text: kind; Layout.preferredWidth: page.cols[2]; font.pixelSize: Theme.fontBody; font.strikeout: voidedBy > 0 }
                    Label {
                        text: (delta > 0 ? "+" : "") + delta
                        color: delta < 0 ? Theme.text : Theme.good
                        Layout.preferredWidth: page.cols[3]
                        font.pixelSize: Theme.fontBody
                    }
                    Label { objectName: "balanceAfter_" + seq; text: balanceAfter; Layout.preferredWidth: page.cols[4]; font.pixelSize: Theme.fontBody; font.bold: true }
                    Label { text: who; Layout.preferredWidth: page.cols[5]; font.pixelSize: Theme.fontBody; elide: Text.ElideRight }
                    Label {
                        objectName: "reference_" + seq
                        text: reference + (voidedBy > 0 ? qsTr("  (voided by %1)").arg(voidedBy) : "")
                              + (corrects > 0 ? qsTr("  (corrects %1)").arg(corrects) : "")
                        font.pixelSize: Theme.fontBody
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("No entries match.")
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
            }
        }

        // What can be done with the chosen entry. A record is never edited: a correction or a return is a new
        // entry that names it.
        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true
            Label {
                objectName: "chosenEntry"
                text: page.chosen ? page.describe(page.chosen) : qsTr("Tap an entry to return it to stock or to correct it.")
                font.pixelSize: Theme.fontBody
                color: page.chosen ? Theme.text : Theme.textMuted
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            TouchButton {
                objectName: "returnButton"
                text: qsTr("Return to stock")
                enabled: page.canReturn
                Accessible.name: qsTr("Return the chosen dispense to stock")
                onClicked: {
                    returnDialog.seq = page.chosen.seq
                    returnDialog.dispensed = -page.chosen.delta
                    returnDialog.summary = page.describe(page.chosen)
                    returnDialog.open()
                }
            }
            TouchButton {
                objectName: "correctButton"
                text: qsTr("Correct")
                enabled: page.canCorrect && !Counter.refusals.correct // greyed out, with why, for who may not
                Accessible.name: qsTr("Correct the chosen entry")
                Accessible.description: Counter.refusals.correct || ""
                onClicked: {
                    voidDialog.seq = page.chosen.seq
                    voidDialog.summary = page.describe(page.chosen)
                    voidDialog.open()
                }
            }
            Label {
                objectName: "correctWhyNot"
                visible: Counter.refusals.correct !== undefined
                text: Counter.refusals.correct || ""
                color: Theme.textMuted
                font.pixelSize: Theme.fontLabel
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
    }
}
