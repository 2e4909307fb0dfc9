import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// A store with no pharmacy yet. The first-run wizard comes with the migration issue; until then, ciictl sets it up.
ColumnLayout {
    spacing: Theme.spacing
    Label {
        objectName: "setupHeading"
        text: qsTr("This pharmacy is not set up yet")
        font.pixelSize: Theme.fontTitle
        color: Theme.text
    }
    Label {
        objectName: "setupHint"
        text: qsTr("Set up the pharmacy and its pharmacist-in-charge from a terminal in the CII Ledger folder, then start CII Ledger again:")
        font.pixelSize: Theme.fontBody
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    TextArea {
        objectName: "setupCommand"
        readOnly: true
        selectByMouse: true
        font.family: "monospace"
        font.pixelSize: Theme.fontLabel
        text: "echo YOUR-PIN | ./cii ctl setup --name \"Main Street Pharmacy\" --address \"1 Main St\" --dea AB1234563 \\\n"
              + "    --state CA --timezone America/Los_Angeles --pic-name \"Your Name\" --pic-initials YN"
        Layout.fillWidth: true
    }
    Label {
        text: qsTr("Replacing a workstation that failed? Restore the pharmacy's records from its cloud backup with an activation code and the recovery key.")
        font.pixelSize: Theme.fontBody
        wrapMode: Text.Wrap
        Layout.fillWidth: true
        Layout.topMargin: Theme.spacing
    }
    TouchButton {
        objectName: "setupRestoreButton"
        text: qsTr("Restore from Cloud…")
        highlighted: true
        onClicked: RestoreController.open()
    }
    StoreStatusPanel { Layout.fillWidth: true }
}
