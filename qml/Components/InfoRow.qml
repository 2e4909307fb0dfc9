import QtQuick
import QtQuick.Layouts

// A label and its value on one line; the value wraps and can be selected for copying.
RowLayout {
    id: row
    property string label
    property string value
    property bool monospace: false
    spacing: Theme.spacing
    Layout.fillWidth: true

    Text {
        text: row.label
        color: Theme.textMuted
        font.pixelSize: Theme.fontLabel
        wrapMode: Text.Wrap
        Layout.preferredWidth: Theme.infoLabelWidth
        Layout.maximumWidth: Theme.infoLabelWidth
        Layout.alignment: Qt.AlignTop
    }
    TextEdit {
        objectName: "value_" + row.objectName
        text: row.value
        readOnly: true
        selectByMouse: true
        wrapMode: TextEdit.WrapAtWordBoundaryOrAnywhere
        color: Theme.text
        font.pixelSize: Theme.fontBody
        font.family: row.monospace ? "monospace" : font.family
        Layout.fillWidth: true
        Accessible.name: row.label
    }
}
