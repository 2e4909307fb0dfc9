import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// "Correct this entry": voids it by a new entry that names it, with a reason, signed by a pharmacist's PIN.
// The original stays in the record. Then the right entry is recorded as usual.
Dialog {
    id: dialog
    objectName: "voidDialog"
    property var seq: 0
    property string summary: ""
    property string message: ""
    modal: true
    // Shown and gone at once, like the summary: no fade to wait for at a busy counter (or under a slow renderer).
    enter: Transition {}
    exit: Transition {}
    anchors.centerIn: Overlay.overlay
    width: Math.min(Theme.dialogWidth, parent ? parent.width - Theme.dialogInset : Theme.dialogWidth)
    title: qsTr("Correct entry %1").arg(seq)
    // Cleared before it shows (what is typed while it opens is kept), focused once open.
    onAboutToShow: { message = ""; reason.text = ""; pinPad.pin = "" }
    onOpened: reason.input.forceActiveFocus()

    ColumnLayout {
        objectName: "voidDialogContent" // the Dialog itself is not an item in the window's tree
        anchors.fill: parent
        spacing: Theme.spacing
        Label {
            text: dialog.summary + "\n" + qsTr("The entry stays in the record, marked as voided by the correction.")
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontBody
            Layout.fillWidth: true
        }
        // The PIN is the next step: Enter or Tab moves the keyboard to the pad, so digits typed after the reason go
        // into the PIN, never into the reason (which stays in the record).
        FormField { id: reason; objectName: "voidReason"; label: qsTr("Why is it wrong?"); onAccepted: pinPad.focusPin(); tabTo: pinPad }
        Label { text: qsTr("Your PIN to sign (a pharmacist or the pharmacist-in-charge corrects entries)"); font.pixelSize: Theme.fontLabel; color: Theme.textMuted }
        PinPad {
            objectName: "voidPinPad"
            id: pinPad
            focusWhenShown: false // the reason comes first; Enter there, or a tap on the pad, moves here
            Layout.alignment: Qt.AlignHCenter
            okText: qsTr("Void")
            onEntered: (pin) => Counter.verifyThen([{ personId: Counter.personId, secret: pin }], function() {
                const r = Counter.voidEntry(dialog.seq, reason.text, pin)
                if (r.ok)
                    dialog.close()
                else
                    dialog.message = r.message
            })
        }
        Label {
            objectName: "voidMessage"
            visible: dialog.message.length > 0
            text: dialog.message
            color: Theme.bad
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontBody
            Layout.fillWidth: true
        }
        TouchButton { objectName: "voidCancel"; text: qsTr("Cancel"); onClicked: dialog.close() }
    }
}
