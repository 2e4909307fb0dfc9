import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Review: what the pharmacist-in-charge works through. Discrepancies (the queue, with the overdue reconciliations
// beside it), theft or loss (each report's DEA Form 106 worksheet and its deadlines), and the guided counts
// (reconciliation, biennial or annual inventory). Everyone signed in can see; who may act is checked in C++.
Page {
    id: page
    objectName: "supervisorPage"
    property var stack
    property alias tab: tabs.currentIndex
    background: Rectangle { color: Theme.background }
    Keys.onEscapePressed: stack.pop()

    header: RowLayout {
        spacing: Theme.spacing
        TabBar {
            id: tabs
            objectName: "supervisorTabs"
            Layout.fillWidth: true
            TabButton { objectName: "tabDiscrepancies"; text: qsTr("Discrepancies"); Accessible.name: text; font.capitalization: Font.MixedCase; font.pixelSize: Theme.fontBody; height: Theme.touchTarget }
            TabButton { objectName: "tabTheftLoss"; text: qsTr("Theft or loss (Form 106)"); Accessible.name: text; font.capitalization: Font.MixedCase; font.pixelSize: Theme.fontBody; height: Theme.touchTarget }
            TabButton { objectName: "tabInventory"; text: qsTr("Reconciliation and inventory"); Accessible.name: text; font.capitalization: Font.MixedCase; font.pixelSize: Theme.fontBody; height: Theme.touchTarget }
        }
        TouchButton { objectName: "supervisorBack"; text: qsTr("Back"); onClicked: page.stack.pop() }
    }

    StackLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing * 2
        currentIndex: tabs.currentIndex
        DiscrepancyQueue { stack: page.stack }
        TheftLossPanel { id: losses }
        InventoryPanel { stack: page.stack }
    }
    // A supervisor who escalates a discrepancy is taken to its worksheet.
    function showLoss(id) {
        tabs.currentIndex = 1
        losses.select(id)
    }
}
