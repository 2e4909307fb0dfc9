import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A large PIN pad: digits, clear and back; shows dots, never the digits. Also takes the keyboard's digits,
// Backspace, and Enter. `entered(pin)` fires on OK or Enter; the pad clears itself after.
// It takes the keyboard focus when it appears (unless `focusWhenShown` is false: a dialog whose note comes first
// focuses the note, and Enter there calls focusPin()), when any part of it is tapped, and when a key is tapped, so
// digits typed on a keyboard go into the PIN and never into a note beside it. The display says which it is.
ColumnLayout {
    id: pad
    property string pin: ""
    property int maxLength: 8
    property alias okText: okKey.text
    property bool focusWhenShown: true
    signal entered(string pin)

    spacing: Theme.spacingSmall
    focus: true
    activeFocusOnTab: true
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("PIN pad")

    function focusPin() { pad.forceActiveFocus(Qt.MouseFocusReason) }
    onVisibleChanged: if (visible && focusWhenShown) Qt.callLater(pad.focusPin)
    Component.onCompleted: if (visible && focusWhenShown) Qt.callLater(pad.focusPin)
    TapHandler { onTapped: pad.focusPin() }

    function press(digit) {
        pad.focusPin()
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

    // The display: framed in the accent colour while the keyboard types into it; otherwise it says to tap it.
    Label {
        objectName: "pinDots"
        Layout.alignment: Qt.AlignHCenter
        Layout.preferredHeight: Theme.touchTarget
        Layout.preferredWidth: Theme.touchTarget * 5
        text: pad.pin.length > 0 ? "\u25CF ".repeat(pad.pin.length).trim()
                                 : pad.activeFocus ? qsTr("Type or tap your PIN")
                                 : pad.focusWhenShown ? qsTr("Tap here for your PIN")
                                 : qsTr("Press Enter or tap here")
        color: pad.pin.length > 0 ? Theme.text : Theme.textMuted
        elide: Text.ElideRight
        font.pixelSize: pad.pin.length > 0 ? Theme.fontTitle : Theme.fontBody
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        background: Rectangle {
            color: pad.activeFocus ? Theme.selection : Theme.surface
            radius: Theme.radius
            border.color: pad.activeFocus ? Theme.accent : Theme.border
            border.width: pad.activeFocus ? Theme.focusBorder : Theme.borderWidth
        }
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
            onClicked: { pad.focusPin(); pad.pin = "" }
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
            // Room for the dialog's own verb ("Escalate") on a key as wide as the digits.
            leftPadding: Theme.spacingTight
            rightPadding: Theme.spacingTight
            Layout.preferredWidth: Theme.touchTarget * 1.6
            Layout.preferredHeight: Theme.touchTarget * 1.2
            focusPolicy: Qt.NoFocus
            onClicked: { pad.focusPin(); pad.submit() }
        }
    }
}
