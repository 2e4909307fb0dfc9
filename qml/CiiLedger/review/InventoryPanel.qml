import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// The counts the law asks for: the periodic reconciliation on the pharmacy's cadence, and the biennial (or annual)
// inventory. Each is a guided blind count of every CII product (InventoryCountPage), signed by the
// pharmacist-in-charge; its report is under Records.
ColumnLayout {
    id: panel
    objectName: "inventoryPanel"
    property var stack
    property var st: ({})
    property var kept: ({})   // type -> how many products a count in progress has (InventoryController::draft)
    property var due: []      // every due date the records know of (InventoryController::dueDates)
    spacing: Theme.spacing
    function reload() {
        st = inventory.status()
        due = inventory.dueDates()
        kept = { reconciliation: inventory.draft("reconciliation").counted || 0, biennial: inventory.draft("biennial").counted || 0,
                 annual: inventory.draft("annual").counted || 0 }
    }
    function startText(type, start, goOn) { return kept[type] > 0 ? goOn.arg(kept[type]) : start }
    Component.onCompleted: reload()
    onVisibleChanged: if (visible) reload() // back from a count, left or signed
    readonly property QtObject inventory: InventoryController
    Connections { target: InventoryController; function onChanged() { panel.reload() } }

    Label { text: qsTr("Reconciliation and inventory"); font.pixelSize: Theme.fontTitle }
    InfoRow { objectName: "cadence"; label: qsTr("Reconciliation cadence"); value: qsTr("every %1 days").arg(panel.st.cadenceDays) }
    InfoRow { objectName: "lastReconciliation"; label: qsTr("Last reconciliation"); value: panel.st.lastReconciliation || "" }
    InfoRow { objectName: "lastInventory"; label: qsTr("Last biennial or annual inventory"); value: panel.st.lastInventory || "" }
    InfoRow {
        objectName: "overdueProducts"
        label: qsTr("Overdue")
        value: panel.st.overdue === 0 ? qsTr("every product was counted within the cadence")
               : panel.st.overdue === 1 ? qsTr("1 product has no matching count within the cadence")
               : qsTr("%1 products have no matching count within the cadence").arg(panel.st.overdue)
    }
    Label {
        text: qsTr("Every active CII product, and any other still holding stock, is counted, without its expected balance shown; the figures are those at the opening or close of business the count is dated. Whoever counted signs with their own PIN and the pharmacist-in-charge countersigns; any difference opens a discrepancy for review.")
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontLabel
        color: Theme.textMuted
        Layout.fillWidth: true
    }
    RowLayout {
        spacing: Theme.spacing
        TouchButton { objectName: "startReconciliation"; highlighted: true
                      text: panel.startText("reconciliation", qsTr("Start a reconciliation"), qsTr("Go on with the reconciliation (%1 counted)"))
                      onClicked: panel.stack.push(countPage, { stack: panel.stack, type: "reconciliation" }) }
        TouchButton { objectName: "startBiennial"
                      text: panel.startText("biennial", qsTr("Start the biennial inventory"), qsTr("Go on with the biennial inventory (%1 counted)"))
                      onClicked: panel.stack.push(countPage, { stack: panel.stack, type: "biennial" }) }
        TouchButton { objectName: "startAnnual"
                      text: panel.startText("annual", qsTr("Start an annual inventory"), qsTr("Go on with the annual inventory (%1 counted)"))
                      onClicked: panel.stack.push(countPage, { stack: panel.stack, type: "annual" }) }
    }
    Label {
        visible: !inventory.canSign
        text: qsTr("Anyone may count; the pharmacist-in-charge signs the count at the end.")
        font.pixelSize: Theme.fontLabel
        color: Theme.textMuted
    }
    // Every date the pharmacist-in-charge must meet, earliest first, each with its rule (the counter shows the near ones).
    Label { text: qsTr("Due dates"); font.pixelSize: Theme.fontBody; font.bold: true }
    ListView {
        id: dueList
        objectName: "reviewDueDates"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        spacing: Theme.spacingLine
        model: panel.due
        ScrollBar.vertical: ScrollBar {}
        delegate: RowLayout {
            id: dueRow
            required property var modelData
            required property int index
            objectName: "reviewDue_" + index
            width: ListView.view.width - Theme.scrollBarRoom
            spacing: Theme.spacing
            Accessible.role: Accessible.ListItem
            Accessible.name: modelData.what + ", " + (modelData.overdue ? qsTr("overdue since %1").arg(modelData.due) : qsTr("due %1").arg(modelData.due))
            Label { text: dueRow.modelData.due; font.pixelSize: Theme.fontLabel; font.bold: dueRow.modelData.overdue
                    color: dueRow.modelData.overdue ? Theme.bad : Theme.text; Layout.preferredWidth: Theme.dateColumnWidth }
            Label { objectName: "reviewDueText_" + dueRow.index; text: dueRow.modelData.what + (dueRow.modelData.overdue ? qsTr(" (overdue)") : "") + " \u00B7 " + dueRow.modelData.rule
                    font.pixelSize: Theme.fontLabel; wrapMode: Text.Wrap; Layout.fillWidth: true
                    color: dueRow.modelData.overdue ? Theme.bad : Theme.text }
        }
    }
    Component { id: countPage; InventoryCountPage {} }
}
