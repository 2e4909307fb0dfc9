import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A large PIN pad: digits, clear and back; shows dots, never the digits. Also takes the keyboard's digits,
// Backspace, and Enter. `entered(pin)` fires on OK or Enter; the pad clears itself after.
ColumnLayout {
    id: pad
    property string pin: ""
    property int maxLength: 8
    property alias okText: okKey.text
    signal entered(string pin)

    spacing: Theme.spacingSmall
    focus: true
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("PIN pad")

    function press(digit) {
        if (pin.length < maxLength)
            pin += digit
    }
    function submit() {
        if (pin.length === 0)
            return
        const p = pin
        pin = ""
        entered(p)
    }

    Keys.onPressed: (event) => {
        if (event.key >= Qt.Key_0 && event.key <= Qt.Key_9) {
            press(String(event.key - Qt.Key_0)); event.accepted = true
        } else if (event.key === Qt.Key_Backspace) {
            pin = pin.slice(0, -1); event.accepted = true
        } else if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter) {
            submit(); event.accepted = true
        } else if (event.key === Qt.Key_Escape) {
            pin = ""; event.accepted = true
        }
    }

    Label {
        objectName: "pinDots"
        Layout.alignment: Qt.AlignHCenter
        Layout.preferredHeight: Theme.touchTarget
        text: pad.pin.length > 0 ? "\u25CF ".repeat(pad.pin.length).trim() : qsTr("Enter your PIN")
        color: pad.pin.length > 0 ? Theme.text : Theme.textMuted
        font.pixelSize: pad.pin.length > 0 ? Theme.fontTitle : Theme.fontBody
        verticalAlignment: Text.AlignVCenter
        Accessible.name: qsTr("%1 digits entered").arg(pad.pin.length)
    }

    GridLayout {
        columns: 3
        rowSpacing: Theme.spacingSmall
        columnSpacing: Theme.spacingSmall
        Layout.alignment: Qt.AlignHCenter
        Repeater {
            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
            TouchButton {
                required property string modelData
                objectName: "pinKey" + modelData
                text: modelData
                font.pixelSize: Theme.fontTitle
                Layout.preferredWidth: Theme.touchTarget * 1.6
                Layout.preferredHeight: Theme.touchTarget * 1.2
                focusPolicy: Qt.NoFocus
                onClicked: pad.press(modelData)
            }
        }
        TouchButton {
            objectName: "pinClear"
            text: qsTr("Clear")
            Layout.preferredWidth: Theme.touchTarget * 1.6
            Layout.preferredHeight: Theme.touchTarget * 1.2
            focusPolicy: Qt.NoFocus
            onClicked: pad.pin = ""
        }
        TouchButton {
            objectName: "pinKey0"
            text: "0"
            font.pixelSize: Theme.fontTitle
            Layout.preferredWidth: Theme.touchTarget * 1.6
            Layout.preferredHeight: Theme.touchTarget * 1.2
            focusPolicy: Qt.NoFocus
            onClicked: pad.press("0")
        }
        TouchButton {
            id: okKey
            objectName: "pinOk"
            text: qsTr("OK")
            highlighted: true
            enabled: pad.pin.length > 0
            Layout.preferredWidth: Theme.touchTarget * 1.6
            Layout.preferredHeight: Theme.touchTarget * 1.2
            focusPolicy: Qt.NoFocus
            onClicked: pad.submit()
        }
    }
}
