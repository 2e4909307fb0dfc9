import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Settings > Backup: the backup's state (what is waiting, the last acknowledgement), Back up now, activating this
// workstation with a code, and making or replacing the recovery key with its printed sheet. The state is
// BackupStatus's (the header badge's source); activating and the key are BackupController's, for the
// pharmacist-in-charge or the owner only: anyone else sees the page read-only, with why.
Item {
    id: page
    objectName: "backupPage"
    property var stack

    component Body: Label {
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
        color: Theme.text
        Layout.fillWidth: true
    }
    component Problem: Label {
        visible: text.length > 0
        color: Theme.bad
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
        Layout.fillWidth: true
    }

    // Replaced: the drainer hears it from the service (BackupStatus) before this page reads it from the store.
    readonly property bool replaced: BackupController.revoked || BackupStatus.revoked
    readonly property bool showActivation: !BackupController.activated || page.replaced

    Flickable {
        id: scroller
        anchors.fill: parent
        anchors.margins: Theme.spacing * 2
        contentHeight: column.implicitHeight
        clip: true
        enabled: !BackupController.busy
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: column
            width: Math.min(scroller.width - Theme.scrollBarRoom, Theme.pageMaxWidth)
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true
                Label {
                    text: qsTr("Settings \u203a Backup")
                    font.pixelSize: Theme.fontTitle
                    color: Theme.text
                    Layout.fillWidth: true
                }
                TouchButton { objectName: "backupBack"; text: qsTr("Back"); onClicked: page.stack.pop() }
            }

            // The state, as the badge says it, in full.
            Rectangle {
                objectName: "backupStateBox"
                Layout.fillWidth: true
                implicitHeight: stateColumn.implicitHeight + Theme.spacing * 2
                radius: Theme.radius
                color: BackupStatus.needsAttention ? Theme.attentionBackground : Theme.surface
                border.color: BackupStatus.state === BackupStatus.Failing || BackupStatus.state === BackupStatus.Revoked ? Theme.bad
                              : BackupStatus.needsAttention ? Theme.attention : Theme.border
                border.width: BackupStatus.needsAttention ? Theme.borderWidthChosen : Theme.borderWidth
                ColumnLayout {
                    id: stateColumn
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    spacing: Theme.spacingSmall
                    InfoRow { objectName: "backupState"; label: qsTr("State"); value: BackupStatus.text }
                    InfoRow {
                        objectName: "backupWaiting"
                        label: qsTr("Waiting")
                        value: BackupStatus.pendingEvents === 1 ? qsTr("1 record not yet acknowledged by the backup service")
                                                                : qsTr("%1 records not yet acknowledged by the backup service").arg(BackupStatus.pendingEvents)
                    }
                    InfoRow { objectName: "backupLastAck"; label: qsTr("Last acknowledged"); value: BackupStatus.lastAcknowledgedText }
                    InfoRow {
                        objectName: "backupService"
                        visible: BackupController.activated
                        label: qsTr("Backing up to")
                        value: qsTr("%1, at %2").arg(BackupController.servicePharmacy).arg(BackupController.serviceUrl)
                    }
                    Label {
                        objectName: "backupDetail"
                        text: BackupStatus.detail
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.fontLabel
                        color: Theme.textMuted
                        Layout.fillWidth: true
                    }
                    RowLayout {
                        spacing: Theme.spacing
                        TouchButton {
                            objectName: "backupNow"
                            text: qsTr("Back up now")
                            enabled: BackupStatus.activated && !BackupStatus.revoked
                            onClicked: BackupStatus.backUpNow()
                        }
                        BusyIndicator {
                            visible: BackupStatus.state === BackupStatus.Sending
                            running: visible
                            Layout.preferredWidth: Theme.busySize
                            Layout.preferredHeight: Theme.busySize
                        }
                    }
                }
            }

            Label {
                objectName: "backupReadOnly"
                visible: !BackupController.canChange
                text: BackupController.readOnlyReason
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                color: Theme.warning
                Layout.fillWidth: true
            }

            // Activation: not yet, or replaced by another workstation.
            ColumnLayout {
                visible: page.showActivation
                spacing: Theme.spacing
                Layout.fillWidth: true
                Label { text: qsTr("Activate this workstation"); font.pixelSize: Theme.fontBody; font.bold: true; color: Theme.text }
                Body {
                    text: page.replaced
                          ? qsTr("Another workstation was activated for this pharmacy, so this one no longer backs up. To make this one the pharmacy's workstation again, activate it with a new code.")
                          : qsTr("Until it is activated, the records are kept only on this computer. The backup service's operator gives you its address and a one-time activation code (and a certificate file when the service uses its own).")
                }
                // Two rows, so the form and Activate fit a 768-pixel-high window under the state.
                RowLayout {
                    spacing: Theme.spacing
                    Layout.fillWidth: true
                    FormField {
                        id: serviceField
                        objectName: "backupServiceUrl"
                        enabled: BackupController.canChange
                        label: qsTr("Backup service address")
                        placeholder: "https://backup.example.org"
                    }
                    FormField {
                        id: codeField
                        objectName: "backupCode"
                        enabled: BackupController.canChange
                        label: qsTr("Activation code")
                        onAccepted: activateButton.clicked()
                    }
                }
                RowLayout {
                    spacing: Theme.spacing
                    Layout.fillWidth: true
                    FormField {
                        id: caField
                        objectName: "backupCa"
                        enabled: BackupController.canChange
                        label: qsTr("Certificate file (only when the service gave you one)")
                        placeholder: qsTr("Leave empty for a public service")
                    }
                    TouchButton {
                        id: activateButton
                        objectName: "backupActivate"
                        text: qsTr("Activate")
                        highlighted: true
                        enabled: BackupController.canChange
                        Layout.alignment: Qt.AlignBottom
                        onClicked: {
                            activateProblem.text = BackupController.activate(serviceField.text, codeField.text, caField.text)
                            if (activateProblem.text.length === 0) {
                                codeField.text = ""
                                BackupStatus.backUpNow() // the drainer reads the activation on this attempt
                            }
                        }
                    }
                }
                Problem { id: activateProblem; objectName: "backupActivateProblem" }
            }

            // The recovery key: made once, replaced when the sheet is lost or was seen by someone else.
            ColumnLayout {
                visible: BackupController.activated && !page.replaced
                spacing: Theme.spacing
                Layout.fillWidth: true
                Label { text: qsTr("The recovery key"); font.pixelSize: Theme.fontBody; font.bold: true; color: Theme.text; Layout.topMargin: Theme.spacing }
                Body {
                    objectName: "backupKeyState"
                    text: BackupController.hasRecoveryKey
                          ? qsTr("A recovery key was made on %1. Its printed sheet restores the records on a new computer if this one fails. Replace it if the sheet is lost or someone else has seen it.").arg(BackupController.recoveryKeyMadeOn)
                          : qsTr("No recovery key yet: without one, the backup cannot be restored on another computer. Make it now and print its sheet.")
                    color: BackupController.hasRecoveryKey ? Theme.text : Theme.warning
                }
                FormField {
                    id: sheetField
                    objectName: "backupSheetPath"
                    visible: BackupController.recoveryKey.length === 0
                    enabled: BackupController.canChange
                    label: qsTr("Save the recovery sheet (PDF) as")
                    text: BackupController.suggestedSheetPath()
                    Layout.preferredWidth: -1
                }
                TouchButton {
                    objectName: "backupMakeKey"
                    visible: BackupController.recoveryKey.length === 0
                    enabled: BackupController.canChange
                    text: BackupController.hasRecoveryKey ? qsTr("Replace the recovery key\u2026") : qsTr("Make the recovery key")
                    highlighted: !BackupController.hasRecoveryKey
                    onClicked: {
                        keyProblem.text = ""
                        if (BackupController.hasRecoveryKey)
                            replaceDialog.open()
                        else
                            keyProblem.text = BackupController.makeRecoveryKey(sheetField.text)
                    }
                }
                Label {
                    objectName: "backupRecoveryKey"
                    visible: BackupController.recoveryKey.length > 0
                    text: BackupController.recoveryKey.split("-").join("  ")
                    font.family: "monospace"
                    font.pixelSize: Theme.fontKey
                    font.bold: true
                    color: Theme.text
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Body {
                    objectName: "backupSheetSaved"
                    visible: BackupController.sheetPath.length > 0
                    text: qsTr("The recovery sheet is in %1. Print it, sign it, put it in the safe, then delete the file.").arg(BackupController.sheetPath)
                }
                Problem { id: keyProblem; objectName: "backupKeyProblem" }
                TouchButton {
                    objectName: "backupKeyKept"
                    visible: BackupController.recoveryKey.length > 0
                    text: qsTr("I have printed it and put it away")
                    highlighted: true
                    onClicked: BackupController.keyPutAway()
                }
            }
            Item { Layout.preferredHeight: Theme.spacing }
        }
    }

    // Replacing asks first, and says what the old key will no longer open.
    Dialog {
        id: replaceDialog
        modal: true
        enter: Transition {}
        exit: Transition {}
        anchors.centerIn: Overlay.overlay
        width: Math.min(Theme.dialogWidthNarrow, page.width - Theme.dialogInset)
        title: qsTr("Replace the recovery key?")
        closePolicy: Popup.CloseOnEscape
        ColumnLayout {
            objectName: "backupReplaceContent"
            anchors.fill: parent
            spacing: Theme.spacing
            Label {
                objectName: "backupReplaceWarning"
                text: BackupController.hasRecoveryKey ? BackupController.replaceWarning() : ""
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                color: Theme.text
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: Theme.spacing
                TouchButton {
                    objectName: "backupReplaceConfirm"
                    text: qsTr("Replace the key")
                    onClicked: {
                        replaceDialog.close()
                        keyProblem.text = BackupController.makeRecoveryKey(sheetField.text)
                    }
                }
                TouchButton { objectName: "backupReplaceCancel"; text: qsTr("Keep the current key"); highlighted: true; onClicked: replaceDialog.close() }
            }
        }
    }

    RowLayout {
        visible: BackupController.busy
        anchors.centerIn: parent
        spacing: Theme.spacing
        BusyIndicator { running: BackupController.busy; Layout.preferredWidth: Theme.busySize; Layout.preferredHeight: Theme.busySize }
        Label { text: qsTr("Waiting for the backup service\u2026"); font.pixelSize: Theme.fontBody; color: Theme.text }
    }
}
