import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// The first-run wizard (docs/FIRST-RUN.md): activate, choose, the pharmacy and its pharmacist-in-charge, the
// opening balances, the recovery key on its sheet and the confirmation, then "You are set up". Every rule is
// SetupWizard's or the Ledger's; this page shows the step SetupWizard is on and hands it what was typed.
Flickable {
    id: page
    objectName: "setupWizard"
    contentHeight: column.implicitHeight
    clip: true
    enabled: !SetupWizard.busy

    readonly property var stepNames: [qsTr("Activate"), qsTr("Choose"), qsTr("Pharmacy"), qsTr("Recovery key")]
    readonly property int stepIndex: {
        switch (SetupWizard.step) {
        case SetupWizard.Choose: return 1
        case SetupWizard.Profile: case SetupWizard.Import: return 2
        case SetupWizard.Recovery: case SetupWizard.Confirm: case SetupWizard.Done: return 3
        default: return 0
        }
    }

    component Problem: Label {
        visible: text.length > 0
        color: Theme.bad
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
        Layout.fillWidth: true
    }
    component Body: Label {
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
        color: Theme.text
        Layout.fillWidth: true
    }

    ColumnLayout {
        id: column
        width: Math.min(page.width, Theme.pageMaxWidth)
        anchors.horizontalCenter: parent.horizontalCenter
        spacing: Theme.spacing

        // Where the wizard is: four numbered steps.
        RowLayout {
            objectName: "wizardSteps"
            spacing: Theme.spacingSmall
            Repeater {
                model: page.stepNames
                delegate: RowLayout {
                    required property int index
                    required property string modelData
                    spacing: Theme.spacingRow
                    Rectangle {
                        width: Theme.stepMarkSize; height: Theme.stepMarkSize; radius: Theme.stepMarkSize / 2
                        color: index <= page.stepIndex ? Theme.accent : Theme.border
                        Label { anchors.centerIn: parent; text: index + 1; color: Theme.textOnAccent; font.pixelSize: Theme.fontLabel; font.bold: true }
                    }
                    Label {
                        text: modelData
                        font.pixelSize: Theme.fontLabel
                        font.bold: index === page.stepIndex
                        color: index === page.stepIndex ? Theme.text : Theme.textMuted
                    }
                    Rectangle { visible: index < 3; width: Theme.stepLinkWidth; height: Theme.stepLinkHeight; color: Theme.border }
                }
            }
        }

        // 1. Activate.
        ColumnLayout {
            visible: SetupWizard.step === SetupWizard.Activate
            spacing: Theme.spacing
            Layout.fillWidth: true
            Label { objectName: "wizardHeading"; text: qsTr("Welcome to CII Ledger"); font.pixelSize: Theme.fontTitle; color: Theme.text }
            Body { text: qsTr("First, connect this workstation to the pharmacy's cloud backup. The backup service's operator gave you its address and a one-time activation code.") }
            FormField {
                id: serviceField
                objectName: "wizardService"
                label: qsTr("Backup service address")
                placeholder: "https://backup.example.org"
                Layout.preferredWidth: -1
            }
            FormField {
                id: codeField
                objectName: "wizardCode"
                label: qsTr("Activation code")
                Layout.preferredWidth: -1
                onAccepted: activateButton.clicked()
            }
            FormField {
                id: caField
                objectName: "wizardCa"
                label: qsTr("Certificate file (only when the service gave you one)")
                placeholder: qsTr("Leave empty for a public service")
                Layout.preferredWidth: -1
            }
            Problem { id: activateProblem; objectName: "wizardActivateProblem" }
            RowLayout {
                spacing: Theme.spacing
                TouchButton {
                    id: activateButton
                    objectName: "wizardActivate"
                    text: qsTr("Activate")
                    highlighted: true
                    onClicked: {
                        activateProblem.text = SetupWizard.activate(serviceField.text, codeField.text, caField.text)
                        if (activateProblem.text.length === 0)
                            codeField.text = ""
                    }
                }
                TouchButton {
                    objectName: "wizardSkipActivation"
                    text: qsTr("No backup service yet")
                    onClicked: SetupWizard.skipActivation()
                }
            }
            Label {
                objectName: "wizardSkipMeaning"
                text: qsTr("No backup service yet: the records are kept only on this computer, and are lost if it fails, until the backup is set up at Settings › Backup (the pharmacist-in-charge can do it there at any time).")
                font.pixelSize: Theme.fontBody
                color: Theme.warning
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }

        // 2. Choose.
        ColumnLayout {
            visible: SetupWizard.step === SetupWizard.Choose
            spacing: Theme.spacing
            Layout.fillWidth: true
            Label { text: qsTr("How does this pharmacy start?"); font.pixelSize: Theme.fontTitle; color: Theme.text }
            Body {
                objectName: "wizardActivatedFor"
                visible: SetupWizard.activated
                text: qsTr("This workstation is activated for %1 at %2.").arg(SetupWizard.servicePharmacy).arg(SetupWizard.serviceUrl)
                color: Theme.good
            }
            Repeater {
                model: [
                    { choice: "new", title: qsTr("Set up a new pharmacy"), text: qsTr("Start the CII records here: the pharmacy, its pharmacist-in-charge, then the recovery key.") },
                    { choice: "restore", title: qsTr("Restore from cloud"), text: qsTr("This replaces a workstation that failed: bring back every record from the backup with the recovery key.") },
                    { choice: "import", title: qsTr("Import existing balances"), text: qsTr("The pharmacy kept its CII records elsewhere: start from a spreadsheet of opening counts.") }
                ]
                delegate: Button {
                    required property var modelData
                    objectName: "wizardChoose_" + modelData.choice
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.choiceHeight
                    onClicked: {
                        chooseProblem.text = SetupWizard.choose(modelData.choice)
                        if (chooseProblem.text.length === 0 && modelData.choice === "restore")
                            chooseProblem.text = RestoreController.open()
                    }
                    contentItem: ColumnLayout {
                        spacing: Theme.spacingTight
                        Label { text: modelData.title; font.pixelSize: Theme.fontBody; font.bold: true; color: Theme.accent }
                        Label { text: modelData.text; font.pixelSize: Theme.fontLabel; color: Theme.text; wrapMode: Text.Wrap; Layout.fillWidth: true }
                    }
                }
            }
            Problem { id: chooseProblem; objectName: "wizardChooseProblem" }
            TouchButton {
                visible: !SetupWizard.activated
                text: qsTr("Back")
                onClicked: SetupWizard.back()
            }
        }

        // 3. The pharmacy and its pharmacist-in-charge.
        ColumnLayout {
            visible: SetupWizard.step === SetupWizard.Profile
            spacing: Theme.spacing
            Layout.fillWidth: true
            Label { text: qsTr("The pharmacy"); font.pixelSize: Theme.fontTitle; color: Theme.text }
            GridLayout {
                columns: 2
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacingSmall
                Layout.fillWidth: true
                FormField { id: nameField; objectName: "wizardName"; label: qsTr("Pharmacy name"); text: SetupWizard.servicePharmacy }
                FormField { id: deaField; objectName: "wizardDea"; label: qsTr("DEA registration number"); placeholder: "AB1234563" }
                FormField { id: addressField; objectName: "wizardAddress"; label: qsTr("Address") }
                FormField { id: stateField; objectName: "wizardState"; label: qsTr("State (two letters)"); placeholder: "CA" }
                ChoiceField { id: zoneField; objectName: "wizardZone"; label: qsTr("Time zone"); values: SetupWizard.timeZones(); names: values }
                FormField {
                    id: cadenceField
                    objectName: "wizardCadence"
                    numeric: true
                    label: qsTr("Reconciliation every … days (empty: the state's rule)")
                }
            }
            Label { text: qsTr("The pharmacist-in-charge"); font.pixelSize: Theme.fontBody; font.bold: true; color: Theme.text; Layout.topMargin: Theme.spacing }
            GridLayout {
                columns: 2
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacingSmall
                Layout.fillWidth: true
                FormField { id: picNameField; objectName: "wizardPicName"; label: qsTr("Name") }
                FormField { id: picInitialsField; objectName: "wizardPicInitials"; label: qsTr("Initials") }
                FormField { id: pinField; objectName: "wizardPin"; label: qsTr("PIN (4 to 8 digits)"); numeric: true; secret: true }
                FormField { id: pinAgainField; objectName: "wizardPinAgain"; label: qsTr("The PIN again"); numeric: true; secret: true }
            }
            Problem { id: profileProblem; objectName: "wizardProfileProblem" }
            RowLayout {
                spacing: Theme.spacing
                TouchButton {
                    objectName: "wizardSetUp"
                    text: qsTr("Set up the pharmacy")
                    highlighted: true
                    onClicked: {
                        profileProblem.text = SetupWizard.setUp({ name: nameField.text, address: addressField.text, dea: deaField.text,
                                                                  state: stateField.text, timezone: zoneField.value,
                                                                  cadenceDays: cadenceField.text },
                                                                picNameField.text, picInitialsField.text, pinField.text, pinAgainField.text)
                        if (profileProblem.text.length === 0) {
                            pinField.text = ""
                            pinAgainField.text = ""
                        }
                    }
                }
                TouchButton { text: qsTr("Back"); onClicked: SetupWizard.back() }
            }
        }

        // 3b. Opening balances from a spreadsheet.
        ColumnLayout {
            visible: SetupWizard.step === SetupWizard.Import
            spacing: Theme.spacing
            Layout.fillWidth: true
            Label { text: qsTr("Opening balances"); font.pixelSize: Theme.fontTitle; color: Theme.text }
            Body { text: qsTr("One line per CII product: its NDC, the quantity on the shelf in its base unit, who counted and on what day. A product not yet in the catalog is described on its line (name, strength, form, package size, unit). Save the template to start from it.") }
            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true
                FormField { id: fileField; objectName: "wizardImportFile"; label: qsTr("File"); text: SetupWizard.suggestedPath("import"); Layout.preferredWidth: -1 }
                TouchButton {
                    objectName: "wizardSaveTemplate"
                    text: qsTr("Save the template")
                    Layout.alignment: Qt.AlignBottom
                    onClicked: {
                        const path = SetupWizard.suggestedPath("template")
                        const problem = SetupWizard.saveTemplate(path)
                        importProblem.text = problem
                        templateSaved.text = problem.length === 0 ? qsTr("The template is in %1.").arg(path) : ""
                    }
                }
            }
            Label { id: templateSaved; objectName: "wizardTemplateSaved"; visible: text.length > 0; font.pixelSize: Theme.fontLabel; color: Theme.textMuted }
            TouchButton {
                objectName: "wizardCheckImport"
                text: qsTr("Check the file")
                onClicked: importProblem.text = SetupWizard.checkImport(fileField.text)
            }
            // The preview: every line, the rejected ones with their reason.
            ColumnLayout {
                visible: (SetupWizard.importPreview.rows || []).length + (SetupWizard.importPreview.rejected || []).length > 0
                spacing: Theme.spacingTight
                Layout.fillWidth: true
                Label {
                    objectName: "wizardImportSummary"
                    readonly property int rows: (SetupWizard.importPreview.rows || []).length
                    readonly property int rejected: (SetupWizard.importPreview.rejected || []).length
                    text: rejected > 0 ? qsTr("%1 line(s) cannot be recorded. Correct the file and check it again; nothing is recorded until every line is right.").arg(rejected)
                                       : qsTr("%1 products, ready to record.").arg(rows)
                    color: rejected > 0 ? Theme.bad : Theme.good
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Repeater {
                    model: SetupWizard.importPreview.rejected || []
                    delegate: Label {
                        required property var modelData
                        text: qsTr("Line %1: %2").arg(modelData.line).arg(modelData.reason)
                        color: Theme.bad
                        font.pixelSize: Theme.fontLabel
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }
                Repeater {
                    model: SetupWizard.importPreview.rows || []
                    delegate: InfoRow {
                        required property var modelData
                        label: modelData.name + (modelData.isNew ? qsTr(" (new)") : "")
                        value: qsTr("%1 %2 · counted by %3 on %4").arg(modelData.quantity).arg(modelData.unit).arg(modelData.countedBy).arg(modelData.countedOn)
                        Layout.fillWidth: true
                    }
                }
            }
            FormField {
                id: importPinField
                objectName: "wizardImportPin"
                visible: (SetupWizard.importPreview.rows || []).length > 0 && (SetupWizard.importPreview.rejected || []).length === 0
                label: qsTr("The pharmacist-in-charge's PIN, to sign the opening balances")
                numeric: true
                secret: true
                Layout.preferredWidth: Theme.fieldWidth
            }
            Problem { id: importProblem; objectName: "wizardImportProblem" }
            TouchButton {
                objectName: "wizardRecordImport"
                visible: importPinField.visible
                text: qsTr("Record the opening balances")
                highlighted: true
                onClicked: {
                    importProblem.text = SetupWizard.recordImport(importPinField.text)
                    importPinField.text = ""
                }
            }
        }

        // 4. The recovery key and its sheet.
        ColumnLayout {
            visible: SetupWizard.step === SetupWizard.Recovery
            spacing: Theme.spacing
            Layout.fillWidth: true
            Label { text: qsTr("The recovery key"); font.pixelSize: Theme.fontTitle; color: Theme.text }
            Body { text: qsTr("If this computer fails, the pharmacy's records are restored on a new one with this key. Without it, no one can open the backup, not even us. It is shown once: print the recovery sheet and keep it away from this computer.") }
            FormField {
                id: sheetField
                objectName: "wizardSheetPath"
                visible: SetupWizard.recoveryKey.length === 0
                label: qsTr("Save the recovery sheet (PDF) as")
                text: SetupWizard.suggestedPath("sheet")
                Layout.preferredWidth: -1
            }
            TouchButton {
                objectName: "wizardMakeKey"
                visible: SetupWizard.recoveryKey.length === 0
                text: qsTr("Make the recovery key")
                highlighted: true
                onClicked: recoveryProblem.text = SetupWizard.makeRecoveryKey(sheetField.text)
            }
            Label {
                objectName: "wizardRecoveryKey"
                visible: SetupWizard.recoveryKey.length > 0
                text: SetupWizard.recoveryKey.split("-").join("  ")
                font.family: "monospace"
                font.pixelSize: Theme.fontKey
                font.bold: true
                color: Theme.text
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Body {
                objectName: "wizardSheetSaved"
                visible: SetupWizard.sheetPath.length > 0
                text: qsTr("The recovery sheet is in %1. Print it, sign it, put it in the safe, then delete the file.").arg(SetupWizard.sheetPath)
            }
            Problem { id: recoveryProblem; objectName: "wizardRecoveryProblem" }
            TouchButton {
                objectName: "wizardKeyKept"
                visible: SetupWizard.recoveryKey.length > 0
                text: qsTr("I have printed it and put it away")
                highlighted: true
                onClicked: SetupWizard.keyKept()
            }
        }

        // 4b. The confirmation: two groups typed back from the sheet.
        ColumnLayout {
            visible: SetupWizard.step === SetupWizard.Confirm
            spacing: Theme.spacing
            Layout.fillWidth: true
            Label { text: qsTr("Check the recovery sheet"); font.pixelSize: Theme.fontTitle; color: Theme.text }
            Body { text: qsTr("Type two groups from the printed sheet, to be sure it can be read.") }
            RowLayout {
                spacing: Theme.spacing
                FormField { id: firstGroup; objectName: "wizardGroupA"; label: qsTr("Group %1").arg(SetupWizard.confirmGroups[0]); input.font.family: "monospace" }
                FormField {
                    id: secondGroup
                    objectName: "wizardGroupB"
                    label: qsTr("Group %1").arg(SetupWizard.confirmGroups[1])
                    input.font.family: "monospace"
                    onAccepted: confirmButton.clicked()
                }
            }
            Problem { id: confirmProblem; objectName: "wizardConfirmProblem" }
            RowLayout {
                spacing: Theme.spacing
                TouchButton {
                    id: confirmButton
                    objectName: "wizardConfirm"
                    text: qsTr("Finish")
                    highlighted: true
                    onClicked: confirmProblem.text = SetupWizard.confirmKey(firstGroup.text, secondGroup.text)
                }
                TouchButton { objectName: "wizardShowKeyAgain"; text: qsTr("Show the key again"); onClicked: SetupWizard.back() }
            }
        }

        // 5. Done: what was set up, and where the backup stands.
        ColumnLayout {
            visible: SetupWizard.step === SetupWizard.Done
            spacing: Theme.spacing
            Layout.fillWidth: true
            Label { objectName: "wizardDoneHeading"; text: qsTr("You are set up"); font.pixelSize: Theme.fontTitle; color: Theme.text }
            Body {
                text: qsTr("%1 is ready. Sign in with the pharmacist-in-charge's PIN to start; people, products and settings are under Settings.")
                          .arg(Counter.pharmacyName.length > 0 ? Counter.pharmacyName : qsTr("The pharmacy"))
            }
            Body {
                objectName: "wizardDoneBackup"
                text: SetupWizard.activated
                      ? qsTr("Every record is backed up to %1, and the recovery sheet restores them on a new computer.").arg(SetupWizard.serviceUrl)
                      : qsTr("Backup is not set up: the records are kept only on this computer until it is, at Settings › Backup.")
                color: SetupWizard.activated ? Theme.good : Theme.warning
            }
            TouchButton {
                objectName: "wizardDone"
                text: qsTr("Go to sign in")
                highlighted: true
                onClicked: SetupWizard.close()
            }
        }

        RowLayout {
            visible: SetupWizard.busy
            spacing: Theme.spacing
            BusyIndicator { running: SetupWizard.busy; Layout.preferredWidth: Theme.busySize; Layout.preferredHeight: Theme.busySize }
            Label { text: qsTr("Waiting for the backup service\u2026"); font.pixelSize: Theme.fontBody; color: Theme.text }
        }
        StoreStatusPanel { Layout.fillWidth: true; Layout.topMargin: Theme.spacing * 2 }
    }
}
