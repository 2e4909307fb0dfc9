import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// On every screen: the pharmacy, who is signed in, the backup state, and Lock.
ToolBar {
    objectName: "header"
    height: 64
    background: Rectangle { color: Theme.accent }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        spacing: Theme.spacing
        Label {
            objectName: "headerPharmacy"
            text: Counter.pharmacyName.length > 0 ? Counter.pharmacyName : qsTr("CII Ledger")
            color: "white"
            font.pixelSize: Theme.fontTitle
            font.bold: true
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        Label {
            objectName: "headerPerson"
            visible: Counter.signedIn
            text: Counter.personName + " \u00B7 " + Counter.personRole
            color: "white"
            font.pixelSize: Theme.fontBody
        }
        // The backup badge: "not set up" until replication exists; never a fake state.
        Rectangle {
            objectName: "backupBadge"
            radius: height / 2
            color: "#22ffffff"
            border.color: "#88ffffff"
            implicitHeight: 36
            implicitWidth: badgeText.implicitWidth + Theme.spacing * 2
            Label {
                id: badgeText
                anchors.centerIn: parent
                text: Counter.backupState
                color: "white"
                font.pixelSize: Theme.fontLabel
            }
            Accessible.role: Accessible.StaticText
            Accessible.name: Counter.backupState
        }
        TouchButton {
            objectName: "lockButton"
            visible: Counter.signedIn
            text: qsTr("Lock")
            onClicked: Counter.lock()
        }
    }
}
