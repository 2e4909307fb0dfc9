import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Settings > Security: how the records are protected here and in the cloud, and Restore from Cloud.
Item {
    id: page
    objectName: "securityPage"
    property var stack

    ColumnLayout {
    anchors.fill: parent
    anchors.margins: Theme.spacing * 2
    spacing: Theme.spacing

    Label {
        text: qsTr("Settings \u203a Security")
        font.pixelSize: Theme.fontTitle
        color: Theme.text
    }
    InfoRow { label: qsTr("Store"); value: StoreStatus.path; Layout.fillWidth: true }
    InfoRow { label: qsTr("Encryption key kept in"); value: StoreStatus.keyProtectionText; Layout.fillWidth: true }
    InfoRow { objectName: "securityBackup"; label: qsTr("Cloud backup"); value: BackupStatus.text; Layout.fillWidth: true }
    Label {
        text: BackupStatus.detail
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontLabel
        color: Theme.textMuted
        Layout.fillWidth: true
    }
    Label {
        text: qsTr("Restore from Cloud replaces the records on this computer with the pharmacy's backup, for a damaged store. The current records are kept aside, never deleted. Only the pharmacist-in-charge or the owner may.")
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
        color: Theme.text
        Layout.fillWidth: true
        Layout.topMargin: Theme.spacing
    }
    Label {
        id: refusal
        objectName: "securityRefusal"
        visible: text.length > 0
        color: Theme.bad
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
        Layout.fillWidth: true
    }
    RowLayout {
        spacing: Theme.spacing
        TouchButton {
            objectName: "restoreFromCloudButton"
            text: qsTr("Restore from Cloud\u2026")
            onClicked: refusal.text = RestoreController.open()
        }
        TouchButton {
            objectName: "securityBack"
            text: qsTr("Back")
            onClicked: page.stack.pop()
        }
    }
    Item { Layout.fillHeight: true }
}
}
