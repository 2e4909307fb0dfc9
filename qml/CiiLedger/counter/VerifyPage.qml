import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Technicians' fills waiting for a pharmacist: choose one, sign with your PIN, and you are its dispenser on the
// record (21 CFR 1304.22(c)). The Ledger refuses a technician, a wrong PIN, or a fill no longer waiting.
Page {
    id: page
    objectName: "verifyPage"
    required property StackView stack
    property int chosen: -1
    property string message: ""
    property bool messageGood: false
    readonly property bool mayVerify: Counter.personRole !== "Technician"
    background: Rectangle { color: Theme.background }

    function verify() {
        if (page.chosen < 0 || page.chosen >= Counter.toVerify.length) {
            page.message = qsTr("Choose the dispense you verify first.")
            page.messageGood = false
            return
        }
        const r = Counter.verifyDispense(Counter.toVerify[page.chosen].seq, pin.text)
        pin.input.text = ""
        page.message = r.message
        page.messageGood = r.ok
        if (!r.ok)
            return
        page.chosen = -1
        Counter.touch()
        if (Counter.toVerify.length === 0)
            page.stack.pop()
    }

    Keys.onEscapePressed: page.stack.pop()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing * 2
        spacing: Theme.spacing

        Label { text: qsTr("Dispenses to verify"); font.pixelSize: Theme.fontTitle; font.bold: true }
        Label {
            text: qsTr("A technician recorded these fills. Check each against its prescription; the pharmacist who verifies a fill signs with their PIN and is its dispenser on the record.")
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "verifyWhoMay"
            visible: !page.mayVerify
            text: qsTr("Only a pharmacist can verify a dispense: ask one to sign in.")
            color: Theme.bad
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ListView {
            id: list
            objectName: "toVerifyList"
            model: Counter.toVerify
            clip: true
            spacing: Theme.spacingTight
            Layout.fillWidth: true
            Layout.fillHeight: true
            delegate: ItemDelegate {
                objectName: "toVerify_" + modelData.seq
                width: list.width
                height: Math.max(Theme.touchTarget, implicitHeight)
                highlighted: page.chosen === index
                text: qsTr("Rx %1 · %2 of %3 · %4 · recorded %5 by %6").arg(modelData.rx).arg(Counter.quantityText(modelData.quantity, modelData.unit))
                          .arg(modelData.product).arg(modelData.prescription).arg(modelData.recorded).arg(modelData.recordedBy)
                font.pixelSize: Theme.fontBody
                Accessible.name: text
                onClicked: { page.chosen = index; page.message = ""; pin.input.forceActiveFocus() }
            }
        }
        FormField { id: pin; objectName: "verifyPinField"; label: qsTr("Your PIN to sign"); numeric: true; secret: true; onAccepted: page.verify() }
        Label {
            objectName: "verifyMessage"
            text: page.message
            visible: text.length > 0
            color: page.messageGood ? Theme.good : Theme.bad
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: Theme.spacing
            TouchButton { objectName: "verifyChosenButton"; text: qsTr("Verify and sign"); enabled: page.chosen >= 0 && page.mayVerify; onClicked: page.verify() }
            TouchButton { objectName: "verifyBackButton"; text: qsTr("Back"); onClicked: page.stack.pop() }
        }
    }
}
