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
    // Inline validation: `check(text)` returns "" or a sentence (the form asks the Counter, whose rules are the
    // Ledger's). Number fields are checked as they are typed; others when the field is left, then as they are
    // corrected, so a half-typed date is not called wrong.
    property var check: null
    property bool checkWhileTyping: numeric
    function revalidate() {
        field.problem = field.check && input.text.length > 0 ? field.check(input.text) : ""
        return field.problem.length === 0
    }
    signal accepted()

    spacing: Theme.spacingTight
    Layout.fillWidth: true
    Layout.preferredWidth: Theme.fieldWidth // equal columns in a two-column form
    Layout.alignment: Qt.AlignTop // a problem shown under one field does not shift its neighbour

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
        onTextChanged: if (field.check && (field.checkWhileTyping || field.problem.length > 0)) field.revalidate()
        onActiveFocusChanged: if (!activeFocus && field.check) field.revalidate()
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
