import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// A prescription not picked up goes back on the shelf: all of a dispense or part of it, with the reason.
// A new entry that names the dispense; the dispense itself stays as it was.
Dialog {
    id: dialog
    objectName: "returnDialog"
    property var seq: 0
    property var dispensed: 0        // the quantity of the dispense (positive)
    property string summary: ""
    property string message: ""
    modal: true
    // Shown and gone at once, like the summary: no fade to wait for at a busy counter (or under a slow renderer).
    enter: Transition {}
    exit: Transition {}
    anchors.centerIn: Overlay.overlay
    width: Math.min(Theme.dialogWidth, parent ? parent.width - Theme.dialogInset : Theme.dialogWidth)
    title: qsTr("Return to stock from entry %1").arg(seq)
    // Cleared before it shows (what is typed while it opens is kept), focused once open.
    onAboutToShow: {
        message = ""
        quantity.text = String(dispensed)
        reason.text = ""
    }
    onOpened: {
        quantity.input.forceActiveFocus()
        quantity.input.selectAll()
    }
    function record() {
        const r = Counter.returnToStock(dialog.seq, quantity.text, reason.text)
        if (r.ok)
            dialog.close()
        else
            dialog.message = r.message
    }

    ColumnLayout {
        objectName: "returnDialogContent" // the Dialog itself is not an item in the window's tree
        anchors.fill: parent
        spacing: Theme.spacing
        Keys.onReturnPressed: dialog.record()
        Keys.onEnterPressed: dialog.record()
        Keys.onEscapePressed: dialog.close()
        Label {
            text: dialog.summary + "\n" + qsTr("The dispense stays in the record; the return is a new entry that names it.")
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontBody
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: Theme.spacing * 2
            Layout.fillWidth: true
            ColumnLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                FormField { id: quantity; objectName: "returnQuantity"; label: qsTr("Quantity back on the shelf (at most %1)").arg(dialog.dispensed); numeric: true }
                FormField { id: reason; objectName: "returnReason"; label: qsTr("Why (not picked up, ...)") }
            }
            NumericKeypad { objectName: "returnKeypad"; Layout.alignment: Qt.AlignTop }
        }
        Label {
            objectName: "returnMessage"
            visible: dialog.message.length > 0
            text: dialog.message
            color: Theme.bad
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontBody
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: Theme.spacing
            TouchButton { objectName: "returnSave"; text: qsTr("Return to stock"); highlighted: true; onClicked: dialog.record() }
            TouchButton { objectName: "returnCancel"; text: qsTr("Cancel"); onClicked: dialog.close() }
        }
    }
}
