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

    // Point in time: a read-only copy of the records as of a day, for an audit; the working records untouched.
    Label {
        text: qsTr("Audit copy: the records as they stood at the end of a chosen day, restored from the backup into a separate read-only copy for an inspector. The records on this computer are not touched.")
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
        color: Theme.text
        Layout.fillWidth: true
        Layout.topMargin: Theme.spacing
    }
    RowLayout {
        spacing: Theme.spacing
        Layout.fillWidth: true
        FormField {
            id: copyDate
            objectName: "copyDate"
            label: qsTr("As of (YYYY-MM-DD)")
            placeholder: "2026-06-30"
            Layout.fillWidth: false
            Layout.preferredWidth: Theme.copyDateWidth
            onTextChanged: copyFolder.text = AuditCopy.suggestedFolder(text)
        }
        FormField { id: copyFolder; objectName: "copyFolder"; label: qsTr("Into the folder"); Layout.preferredWidth: -1 }
    }
    FormField {
        id: copyKey
        objectName: "copyKey"
        label: qsTr("Recovery key")
        input.font.family: "monospace"
        check: function(text) { return RestoreController.recoveryKeyProblem(text) }
        Layout.preferredWidth: -1
    }
    RowLayout {
        spacing: Theme.spacing
        TouchButton {
            objectName: "copyStart"
            text: qsTr("Make the audit copy")
            enabled: !AuditCopy.running
            onClicked: {
                copyRefusal.text = AuditCopy.start(copyDate.text, copyFolder.text, copyKey.text)
                if (copyRefusal.text.length === 0)
                    copyKey.text = ""
            }
        }
        TouchButton { objectName: "copyCancel"; visible: AuditCopy.running; text: qsTr("Cancel"); onClicked: AuditCopy.cancel() }
        BusyIndicator { visible: AuditCopy.running; running: AuditCopy.running }
        Label {
            visible: AuditCopy.running
            text: AuditCopy.eventsTotal > 0 ? qsTr("%1 · %2 of %3 events").arg(AuditCopy.stepText).arg(AuditCopy.eventsDone).arg(AuditCopy.eventsTotal)
                                            : AuditCopy.stepText
            font.pixelSize: Theme.fontLabel
            color: Theme.textMuted
        }
    }
    Label {
        id: copyRefusal
        objectName: "copyRefusal"
        visible: text.length > 0
        color: Theme.bad
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
        Layout.fillWidth: true
    }
    Label {
        objectName: "copyResult"
        visible: !AuditCopy.running && AuditCopy.result.length > 0
        text: AuditCopy.result
        color: AuditCopy.failed ? Theme.bad : Theme.good
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
        Layout.fillWidth: true
    }
    Item { Layout.fillHeight: true }
}
}
