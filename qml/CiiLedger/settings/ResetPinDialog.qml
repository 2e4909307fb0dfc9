import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Reset a forgotten PIN (Settings > People): the pharmacist-in-charge or owner signs first on the pad, and that
// signature is checked before anything else; then the person whose PIN it is types their new PIN twice on the
// same pad, so only they know it. The reset lifts a lockout (Ledger::changeCredentials).
Dialog {
    id: dialog
    objectName: "resetPinDialog"
    property var person: ({})
    property string step: "sign"       // sign -> new -> again
    property string signature: ""
    property string newPin: ""
    property string message: ""
    signal reset(var result)            // {ok, message} once recorded
    modal: true
    enter: Transition {}
    exit: Transition {}
    anchors.centerIn: Overlay.overlay
    width: Math.min(Theme.dialogWidth, parent ? parent.width - Theme.dialogInset : Theme.dialogWidth)
    title: qsTr("Reset %1's PIN").arg(person.name || "")
    onAboutToShow: { step = "sign"; signature = ""; newPin = ""; message = "" }
    onClosed: { signature = ""; newPin = "" }

    function entered(pin) {
        dialog.message = ""
        if (dialog.step === "sign") {
            Counter.verifyThen([{ personId: Counter.personId, secret: pin }], function() {
                const r = PeopleController.checkSignature(pin)
                if (!r.ok) {
                    dialog.message = r.message
                    return
                }
                dialog.signature = pin
                dialog.step = "new"
            })
        } else if (dialog.step === "new") {
            const problem = PeopleController.fieldProblem("pin", pin)
            if (problem.length > 0) {
                dialog.message = problem
                return
            }
            dialog.newPin = pin
            dialog.step = "again"
        } else {
            const differs = PeopleController.repeatProblem(dialog.newPin, pin, true)
            if (differs.length > 0) {
                dialog.message = differs + " " + qsTr("Type the new PIN again.")
                dialog.newPin = ""
                dialog.step = "new"
                return
            }
            Counter.verifyThen([{ personId: Counter.personId, secret: dialog.signature }], function() {
                const r = PeopleController.resetPin(dialog.person.id, dialog.newPin, pin, dialog.signature)
                if (r.ok) {
                    dialog.close()
                    dialog.reset(r)
                } else {
                    dialog.message = r.message
                    dialog.step = "sign"
                }
            })
        }
    }

    ColumnLayout {
        objectName: "resetPinDialogContent"
        anchors.fill: parent
        spacing: Theme.spacing
        Label {
            objectName: "resetPinPrompt"
            text: dialog.step === "sign" ? qsTr("%1, sign with your PIN to reset %2's PIN.").arg(Counter.personName).arg(dialog.person.name || "")
                : dialog.step === "new" ? qsTr("%1, type your new PIN (4 to 8 digits).").arg(dialog.person.name || "")
                : qsTr("%1, type your new PIN again.").arg(dialog.person.name || "")
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontBody
            color: Theme.text
            Layout.fillWidth: true
        }
        PinPad {
            id: pad
            objectName: "resetPinPad"
            Layout.alignment: Qt.AlignHCenter
            okText: dialog.step === "again" ? qsTr("Set") : qsTr("OK")
            onEntered: (pin) => dialog.entered(pin)
        }
        Label {
            objectName: "resetPinMessage"
            visible: dialog.message.length > 0
            text: dialog.message
            color: Theme.bad
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontBody
            Layout.fillWidth: true
        }
        TouchButton { objectName: "resetPinCancel"; text: qsTr("Cancel"); onClicked: dialog.close() }
    }
}
