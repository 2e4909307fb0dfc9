import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Restore from Cloud (docs/RESTORE.md): the form (service, activation code, recovery key), the progress with counts,
// an estimate and Cancel, then the report or the problem. Every rule is RestoreController's.
Flickable {
    id: page
    objectName: "restorePage"
    contentHeight: column.implicitHeight
    clip: true
    property bool startOver: false

    function submit() {
        const refusal = RestoreController.start(serviceField.text, codeField.text, keyField.text, page.startOver)
        formProblem.text = refusal
        if (refusal.length === 0)
            keyField.text = "" // the recovery key is not kept in the form
    }

    ColumnLayout {
        id: column
        width: Math.min(page.width, Theme.pageMaxWidth)
        anchors.horizontalCenter: parent.horizontalCenter
        spacing: Theme.spacing

        Label {
            objectName: "restoreHeading"
            text: RestoreController.phase === RestoreController.Done ? qsTr("The records are restored")
                  : RestoreController.phase === RestoreController.Failed ? qsTr("The restore did not finish")
                  : RestoreController.phase === RestoreController.Running ? qsTr("Restoring from the cloud")
                  : qsTr("Restore from Cloud")
            font.pixelSize: Theme.fontTitle
            color: Theme.text
        }

        // The form.
        ColumnLayout {
            visible: RestoreController.phase === RestoreController.Form
            spacing: Theme.spacing
            Layout.fillWidth: true
            Label {
                objectName: "restoreIntro"
                text: RestoreController.resuming && !page.startOver
                      ? qsTr("A restore that did not finish is waiting. Enter the recovery key again: it continues where it stopped.")
                      : qsTr("The pharmacy's records are downloaded from its backup service, every signature and the whole hash chain are checked, and they are rebuilt on this computer. You need the recovery key from the pharmacy's recovery sheet.")
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                color: Theme.text
                Layout.fillWidth: true
            }
            Rectangle {
                visible: RestoreController.replacesRecords
                Layout.fillWidth: true
                implicitHeight: asideText.implicitHeight + Theme.spacing * 2
                color: Theme.attentionBackground
                border.color: Theme.attention
                radius: Theme.radius
                Label {
                    id: asideText
                    objectName: "restoreKeepAside"
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.fontBody
                    color: Theme.text
                    text: qsTr("The records on this computer are not deleted: they are kept aside in a folder named with today's date and time, and can still be opened.")
                }
            }
            CheckBox {
                objectName: "restoreStartOver"
                visible: RestoreController.resuming
                text: qsTr("Start over instead (needs a new activation code)")
                font.pixelSize: Theme.fontBody
                checked: page.startOver
                onToggled: page.startOver = checked
            }
            FormField {
                id: serviceField
                objectName: "restoreService"
                visible: !RestoreController.reusesActivation
                label: RestoreController.resuming && !page.startOver ? qsTr("Backup service address (only if the restore stopped before this workstation was activated)")
                                                                     : qsTr("Backup service address")
                placeholder: "https://backup.example.org"
                text: RestoreController.serviceUrl
                Layout.preferredWidth: -1
            }
            FormField {
                id: codeField
                objectName: "restoreCode"
                visible: serviceField.visible
                label: RestoreController.resuming && !page.startOver ? qsTr("Activation code (the same condition)")
                                                                     : qsTr("Activation code for this workstation")
                Layout.preferredWidth: -1
            }
            FormField {
                id: keyField
                objectName: "restoreKey"
                label: qsTr("Recovery key (13 groups of 5 characters; capitals or not, dashes or spaces)")
                placeholder: "XXXXX-XXXXX-XXXXX-..."
                check: function(text) { return RestoreController.recoveryKeyProblem(text) }
                input.font.family: "monospace"
                Layout.preferredWidth: -1
                onAccepted: page.submit()
            }
            Label {
                id: formProblem
                objectName: "restoreFormProblem"
                visible: text.length > 0
                color: Theme.bad
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: Theme.spacing
                TouchButton {
                    objectName: "restoreStart"
                    text: RestoreController.resuming && !page.startOver ? qsTr("Continue the restore") : qsTr("Restore")
                    highlighted: true
                    onClicked: page.submit()
                }
                TouchButton {
                    objectName: "restoreBack"
                    text: qsTr("Back")
                    onClicked: RestoreController.close()
                }
            }
        }

        // Progress.
        ColumnLayout {
            visible: RestoreController.phase === RestoreController.Running
            spacing: Theme.spacing
            Layout.fillWidth: true
            Label {
                objectName: "restoreStep"
                text: RestoreController.stepText
                font.pixelSize: Theme.fontBody
                color: Theme.text
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            ProgressBar {
                objectName: "restoreProgress"
                Layout.fillWidth: true
                indeterminate: RestoreController.eventsTotal <= 0
                from: 0
                to: Math.max(1, RestoreController.eventsTotal)
                value: RestoreController.eventsDone
            }
            Label {
                objectName: "restoreCounts"
                text: RestoreController.eventsTotal > 0
                      ? qsTr("%1 of %2 events").arg(Number(RestoreController.eventsDone).toLocaleString(Qt.locale("en_US"), "f", 0))
                                               .arg(Number(RestoreController.eventsTotal).toLocaleString(Qt.locale("en_US"), "f", 0))
                        + (RestoreController.estimate.length > 0 ? " \u00b7 " + RestoreController.estimate : "")
                      : qsTr("Starting\u2026")
                font.pixelSize: Theme.fontLabel
                color: Theme.textMuted
            }
            TouchButton {
                objectName: "restoreCancel"
                text: qsTr("Cancel")
                onClicked: RestoreController.cancel()
            }
        }

        // The report.
        ColumnLayout {
            visible: RestoreController.phase === RestoreController.Done
            spacing: Theme.spacingTight
            Layout.fillWidth: true
            InfoRow { objectName: "reportPharmacy"; label: qsTr("Pharmacy"); value: RestoreController.report.pharmacyName || ""; Layout.fillWidth: true }
            InfoRow {
                objectName: "reportEvents"
                label: qsTr("Events restored")
                value: Number(RestoreController.report.events || 0).toLocaleString(Qt.locale("en_US"), "f", 0)
                Layout.fillWidth: true
            }
            InfoRow { label: qsTr("First transaction"); value: RestoreController.report.firstAt || ""; Layout.fillWidth: true }
            InfoRow { label: qsTr("Last transaction"); value: RestoreController.report.lastAt || ""; Layout.fillWidth: true }
            InfoRow {
                objectName: "reportDiscrepancies"
                label: qsTr("Open discrepancies")
                value: String(RestoreController.report.openDiscrepancies || 0)
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("Balances")
                font.pixelSize: Theme.fontLabel
                color: Theme.textMuted
                Layout.topMargin: Theme.spacingSmall
            }
            Repeater {
                model: RestoreController.report.balances || []
                delegate: InfoRow {
                    required property var modelData
                    label: modelData.name
                    value: Number(modelData.quantity).toLocaleString(Qt.locale("en_US"), "f", 0) + " " + modelData.unit
                    Layout.fillWidth: true
                }
            }
            Label {
                objectName: "reportVerification"
                text: "\u2713 " + (RestoreController.report.verification || "")
                color: Theme.good
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
            }
            Label {
                visible: (RestoreController.report.keptAside || "").length > 0
                text: qsTr("The earlier records were kept aside in %1.").arg(RestoreController.report.keptAside || "")
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontLabel
                color: Theme.textMuted
                Layout.fillWidth: true
            }
            TouchButton {
                objectName: "restoreOpen"
                text: qsTr("Open the restored records")
                highlighted: true
                Layout.topMargin: Theme.spacing
                onClicked: RestoreController.finish()
            }
        }

        // The problem.
        ColumnLayout {
            visible: RestoreController.phase === RestoreController.Failed
            spacing: Theme.spacing
            Layout.fillWidth: true
            Label {
                objectName: "restoreProblem"
                text: RestoreController.problem
                color: Theme.bad
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("Nothing half-restored is ever opened as the pharmacy's records.")
                color: Theme.textMuted
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontLabel
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: Theme.spacing
                TouchButton {
                    objectName: "restoreRetry"
                    text: qsTr("Try again")
                    highlighted: true
                    onClicked: { page.startOver = false; RestoreController.open() }
                }
                TouchButton {
                    objectName: "restoreClose"
                    text: qsTr("Close")
                    onClicked: RestoreController.close()
                }
            }
        }
    }
}
