import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A large numeric keypad for a touch panel. It never takes the focus: its keys go to the item that has the
// keyboard focus, and only when that item takes the keypad (a field with `takesKeypad: true`: FormField's number
// fields and the Rx number). Anywhere else (a date, a name, nothing focused) the keypad is greyed out: a key typed
// into a field the person is not looking at is the worst mistake a form can make.
GridLayout {
    id: pad
    readonly property Item target: {
        const item = pad.Window.activeFocusItem
        return item && item.takesKeypad === true && typeof item.insert === "function" ? item : null
    }
    columns: 3
    rowSpacing: Theme.spacingSmall
    columnSpacing: Theme.spacingSmall
    // Each key is disabled by its own `enabled`, not through the grid's: a key that inherits it turns enabled while
    // its page is torn down (reparented), and the Material style then builds an effect layer mid-destruction (a
    // crash in Qt 6.4 when the idle lock takes the page away).
    readonly property bool active: target !== null
    Accessible.role: Accessible.Grouping
    Accessible.name: active ? qsTr("Number keypad") : qsTr("Number keypad, off: tap a number field first")

    function press(key) {
        const t = pad.target
        if (!t)
            return
        if (key === "back") {
            if (t.selectedText.length > 0) t.remove(t.selectionStart, t.selectionEnd)
            else if (t.cursorPosition > 0) t.remove(t.cursorPosition - 1, t.cursorPosition)
        } else if (key === "clear") {
            t.clear()
        } else {
            if (t.selectedText.length > 0) t.remove(t.selectionStart, t.selectionEnd)
            t.insert(t.cursorPosition, key)
        }
    }

    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"]
        delegate: Button {
            required property string modelData
            objectName: "keypad_" + modelData
            text: modelData === "back" ? "\u232B" : modelData === "clear" ? qsTr("Clear") : modelData
            focusPolicy: Qt.NoFocus
            enabled: pad.active
            font.pixelSize: modelData.length === 1 ? Theme.fontTitle : Theme.fontBody
            font.capitalization: Font.MixedCase
            Layout.preferredWidth: Theme.keypadKeyWidth
            Layout.preferredHeight: Theme.keypadKeyHeight
            // The name is the text; the delete key's text is a symbol, so its name is the word for it.
            Accessible.name: modelData === "back" ? qsTr("Delete") : text
            Accessible.description: modelData === "back" ? qsTr("Delete the last digit") : modelData === "clear" ? qsTr("Clear the field") : ""
            onClicked: pad.press(modelData)
        }
    }
    // Why the keys are grey; its room is kept when they are not, so nothing under the keypad moves.
    Label {
        objectName: "keypadOff"
        text: qsTr("Tap a number field to use the keypad.")
        opacity: pad.active ? 0 : 1
        color: Theme.textMuted
        font.pixelSize: Theme.fontLabel
        wrapMode: Text.Wrap
        Layout.columnSpan: 3
        Layout.preferredWidth: Theme.keypadKeyWidth * 3 + Theme.spacingSmall * 2
    }
}
