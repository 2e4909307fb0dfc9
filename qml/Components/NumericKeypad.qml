import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A large numeric keypad for a touch panel. It never takes the focus: its keys go to `target`, the number
// field being edited (a TextField), so a mouse, a keyboard and a finger can all be used on the same form.
GridLayout {
    id: pad
    property Item target: null
    // On a form with several number fields: the keypad types into the one focused last.
    property bool followsFocus: false
    Connections {
        target: pad.followsFocus ? pad.Window.window : null
        function onActiveFocusItemChanged() {
            const item = pad.Window.activeFocusItem
            if (item && item.numeric === true)
                pad.target = item
        }
    }
    columns: 3
    rowSpacing: Theme.spacingSmall
    columnSpacing: Theme.spacingSmall
    enabled: target !== null

    function press(key) {
        if (!pad.target)
            return
        const t = pad.target
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
            font.pixelSize: modelData.length === 1 ? Theme.fontTitle : Theme.fontBody
            font.capitalization: Font.MixedCase
            Layout.preferredWidth: Theme.keypadKeyWidth
            Layout.preferredHeight: Theme.keypadKeyHeight
            Accessible.name: modelData === "back" ? qsTr("Delete the last digit") : modelData === "clear" ? qsTr("Clear the field") : modelData
            onClicked: pad.press(modelData)
        }
    }
}
