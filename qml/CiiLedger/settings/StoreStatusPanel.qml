import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// The encrypted store: where it is, what protects its key, the journal head, and verification on demand;
// or, when it did not open, why and what to do.
ColumnLayout {
    spacing: Theme.spacing

    Label {
        objectName: "storeHeading"
        text: StoreStatus.isOpen ? qsTr("Encrypted store open") : qsTr("The store could not be opened")
        font.pixelSize: Theme.fontTitle
        color: StoreStatus.isOpen ? Theme.text : Theme.bad
    }

    // Why the store did not open, and what to do about it.
    Rectangle {
        visible: !StoreStatus.isOpen
        Layout.fillWidth: true
        implicitHeight: errorColumn.implicitHeight + Theme.spacing * 2
        color: Theme.surface
        border.color: Theme.bad
        radius: Theme.radius
        ColumnLayout {
            id: errorColumn
            anchors.fill: parent
            anchors.margins: Theme.spacing
            Label {
                objectName: "storeError"
                text: StoreStatus.errorText
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                color: Theme.bad
                Layout.fillWidth: true
            }
            Label {
                objectName: "storeErrorHint"
                text: StoreStatus.errorHint
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                color: Theme.text
                Layout.fillWidth: true
            }
            // The store cannot be read here: the cloud copy can (the damaged folder is kept aside, not deleted).
            TouchButton {
                objectName: "storeRestoreButton"
                text: qsTr("Restore from Cloud…")
                onClicked: RestoreController.open()
            }
        }
    }

    Rectangle {
        visible: StoreStatus.isOpen
        Layout.fillWidth: true
        implicitHeight: infoColumn.implicitHeight + Theme.spacing * 2
        color: Theme.surface
        border.color: Theme.border
        radius: Theme.radius
        ColumnLayout {
            id: infoColumn
            anchors.fill: parent
            anchors.margins: Theme.spacing
            spacing: Theme.spacingSmall
            InfoRow { objectName: "storePath"; label: qsTr("Store file"); value: StoreStatus.path }
            InfoRow {
                objectName: "keyProtection"
                label: qsTr("Encryption key kept in")
                value: StoreStatus.keyProtectionText
                       + (StoreStatus.keyInSystemKeychain ? "" : qsTr(" (no system keychain was found on this computer)"))
            }
            InfoRow { objectName: "schemaVersion"; label: qsTr("Store version"); value: StoreStatus.schemaVersion }
            InfoRow { objectName: "eventCount"; label: qsTr("Journal entries"); value: StoreStatus.eventCount }
            InfoRow { objectName: "headHash"; label: qsTr("Journal head"); value: StoreStatus.headHash; monospace: true }
        }
    }

    RowLayout {
        visible: StoreStatus.isOpen
        spacing: Theme.spacing
        TouchButton {
            objectName: "verifyButton"
            text: qsTr("Verify journal")
            enabled: !StoreStatus.verifying
            onClicked: StoreStatus.verify()
        }
        BusyIndicator {
            objectName: "verifyBusy"
            running: StoreStatus.verifying
            visible: running
            Layout.preferredHeight: Theme.touchTarget
            Layout.preferredWidth: Theme.touchTarget
        }
        Label {
            objectName: "verifyResult"
            text: StoreStatus.verifyText
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontBody
            color: StoreStatus.intact ? Theme.good : Theme.bad
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.pageMaxWidth
        }
    }
}
