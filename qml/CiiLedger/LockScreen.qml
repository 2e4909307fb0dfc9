import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Tiles of the pharmacy's people, then a PIN pad (or a password field for those without a PIN).
RowLayout {
    id: lock
    objectName: "lockScreen"
    spacing: Theme.spacing * 2
    property var person: null
    property string message: ""

    // The PIN is checked on a worker (a busy indicator shows), then the sign-in is sent.
    function signIn(secret) {
        const id = lock.person.id
        Counter.verifyThen([{ personId: id, secret: secret }], function() {
            const r = Counter.signIn(id, secret)
            lock.message = r.ok ? "" : r.message
            password.text = ""
        })
    }

    ColumnLayout {
        Layout.fillHeight: true
        // At least its tiles' width (two at 1024 px), else 45%: it depends on no message.
        Layout.preferredWidth: Math.max(implicitWidth, parent.width * 0.45)
        spacing: Theme.spacing
        Label {
            text: qsTr("Who is working?")
            font.pixelSize: Theme.fontTitle
            color: Theme.text
        }
        GridLayout {
            columns: 2
            columnSpacing: Theme.spacing
            rowSpacing: Theme.spacing
            Repeater {
                model: Counter.people
                TouchButton {
                    required property var modelData
                    objectName: "personTile_" + modelData.initials
                    text: modelData.name + "\n" + modelData.role
                    checkable: true
                    checked: lock.person !== null && lock.person.id === modelData.id
                    Layout.preferredWidth: Theme.personTileWidth
                    Layout.preferredHeight: Theme.touchTarget * 1.6
                    Accessible.name: qsTr("Sign in as %1, %2").arg(modelData.name).arg(modelData.role)
                    onClicked: { lock.person = modelData; lock.message = ""; pinPad.forceActiveFocus() }
                }
            }
        }
        Item { Layout.fillHeight: true }
    }

    // Its width is the rest of the screen's, whatever it shows: a message as long as a line once widened this column
    // and moved the PIN pad 254 px under the next tap.
    ColumnLayout {
        Layout.fillHeight: true
        Layout.fillWidth: true
        Layout.preferredWidth: 1
        spacing: Theme.spacing
        Label {
            objectName: "lockPrompt"
            text: lock.person === null ? qsTr("Choose your name") : qsTr("%1, enter your PIN").arg(lock.person.name)
            font.pixelSize: Theme.fontTitle
            color: Theme.text
        }
        PinPad {
            id: pinPad
            objectName: "pinPad"
            visible: lock.person !== null && lock.person.hasPin
            onEntered: (pin) => lock.signIn(pin)
        }
        FormField {
            id: password
            objectName: "passwordField"
            visible: lock.person !== null && !lock.person.hasPin
            label: qsTr("Password")
            input.echoMode: TextInput.Password
            onAccepted: lock.signIn(text)
            Layout.maximumWidth: Theme.fieldWidth
        }
        // Under the pad, in space kept for it (its own width never widens the column), so it moves no key.
        Label {
            objectName: "lockMessage"
            text: lock.message
            color: Theme.bad
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Layout.preferredWidth: 1
        }
        Item { Layout.fillHeight: true }
    }
}
