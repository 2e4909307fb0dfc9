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
    spacing: Theme.spacing
    function reload() { st = inventory.status() }
    Component.onCompleted: reload()
    InventoryController { id: inventory; onChanged: panel.reload() }
    Connections { target: Counter; function onRecorded() { panel.reload() } }

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
        text: qsTr("Every active CII product is counted, without its expected balance shown. The pharmacist-in-charge signs the whole count with their PIN; any difference opens a discrepancy for review.")
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontLabel
        color: Theme.textMuted
        Layout.fillWidth: true
    }
    RowLayout {
        spacing: Theme.spacing
        TouchButton { objectName: "startReconciliation"; text: qsTr("Start a reconciliation"); highlighted: true
                      onClicked: panel.stack.push(countPage, { stack: panel.stack, type: "reconciliation" }) }
        TouchButton { objectName: "startBiennial"; text: qsTr("Start the biennial inventory")
                      onClicked: panel.stack.push(countPage, { stack: panel.stack, type: "biennial" }) }
        TouchButton { objectName: "startAnnual"; text: qsTr("Start an annual inventory")
                      onClicked: panel.stack.push(countPage, { stack: panel.stack, type: "annual" }) }
    }
    Label {
        visible: !inventory.canSign
        text: qsTr("Anyone may count; the pharmacist-in-charge signs the count at the end.")
        font.pixelSize: Theme.fontLabel
        color: Theme.textMuted
    }
    Item { Layout.fillHeight: true }
    Component { id: countPage; InventoryCountPage {} }
}
