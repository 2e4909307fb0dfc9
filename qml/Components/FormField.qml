import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A labelled text field for a form: large, with its problem shown under it. `numeric` takes digits only (and
// the form's keypad types into it); `secret` hides what is typed and keeps it out of the summary.
ColumnLayout {
    id: field
    property alias label: caption.text
    property alias text: input.text
    property alias placeholder: input.placeholderText
    property alias input: input
    property bool numeric: false
    property bool secret: false
    readonly property string summaryText: secret ? "" : input.text
    property string problem: ""
    signal accepted()

    spacing: 4
    Layout.fillWidth: true
    Layout.preferredWidth: 420 // equal columns in a two-column form

    Label {
        id: caption
        font.pixelSize: Theme.fontLabel
        color: Theme.textMuted
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    TextField {
        id: input
        objectName: field.objectName + "Input"
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touchTarget
        font.pixelSize: Theme.fontBody
        // Codes, lots, names: typed as they are, without the on-screen keyboard's guesses or capitals.
        inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase | (field.numeric ? Qt.ImhDigitsOnly : Qt.ImhNone)
                          | (field.secret ? Qt.ImhSensitiveData : Qt.ImhNone)
        echoMode: field.secret ? TextInput.Password : TextInput.Normal
        property bool numeric: field.numeric // the form's keypad types into numeric fields only
        validator: field.numeric ? digitsOnly : null
        Accessible.name: caption.text
        onAccepted: field.accepted()
        RegularExpressionValidator { id: digitsOnly; regularExpression: /[0-9]{0,9}/ }
    }
    Label {
        objectName: field.objectName + "Problem"
        visible: field.problem.length > 0
        text: field.problem
        color: Theme.bad
        font.pixelSize: Theme.fontLabel
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}
