import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A labelled text field for a form: large, with its problem shown under it. `numeric` takes digits only: anything
// else typed stays in the field, said wrong under it, so the form cannot be saved (a letter silently dropped turned
// "3o" into 3). The form's keypad types into number fields, and into others that set `keypad` (an Rx number);
// `secret` hides what is typed and keeps it out of the summary.
ColumnLayout {
    id: field
    property alias label: caption.text
    property alias text: input.text
    property alias placeholder: input.placeholderText
    property alias input: input
    property bool numeric: false
    property bool keypad: numeric
    property bool secret: false
    /// What the summary before "Record it" shows (a form may say more: "2 packages = 200 tablets"); never a secret.
    property string summaryText: secret ? "" : input.text
    property string problem: ""
    /// A problem of the whole entry that is about this field (the Ledger's dry run of a dispense: an Rx past its
    /// window, more than the Rx has left), set by the form; shown after the field's own problem, and the field is
    /// not valid while there is one.
    property string formProblem: ""
    /// The field's name where the form names it without its guidance: in the summary and in "Correct ... first".
    /// The label without a closing "(...)": "Date written (YYYY-MM-DD)" is "Date written".
    property string summaryLabel: caption.text.replace(/\s*\([^()]*\)\s*$/, "")
    /// What is said under the field: its own problem, then the entry's.
    readonly property string shownProblem: [field.problem, field.formProblem].filter((p, i, all) => p.length > 0 && all.indexOf(p) === i).join(" ")
    /// A fact for the person deciding, shown under the field when it has no problem ("Rx 6001: 40 of 100 tablets
    /// left"); muted, in the same reserved line as a problem.
    property string hint: ""
    // Inline validation: `check(text)` returns "" or a sentence (the form asks the Counter, whose rules are the
    // Ledger's). Number fields are checked as they are typed; others when the field is left, then as they are
    // corrected, so a half-typed date is not called wrong.
    property var check: null
    /// The check is asked about an empty field too (a note the chosen reason requires); else nothing typed is not
    /// called wrong until Save's own "is required".
    property bool checkEmpty: false
    property bool checkWhileTyping: numeric
    /// Where Tab moves the keyboard, when not the next field in the window (a dialog's PIN pad after its note).
    property Item tabTo: null
    function revalidate() {
        const t = input.text
        if (field.numeric && !/^[0-9]*$/.test(t))
            field.problem = field.secret ? qsTr("Only digits.") : qsTr("Only digits: %1 is not a number.").arg(t)
        else
            field.problem = field.check && (t.length > 0 || field.checkEmpty) ? field.check(t) : ""
        return field.problem.length === 0 && field.formProblem.length === 0
    }
    readonly property bool hasChecks: field.numeric || field.check !== null
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
        inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
                          | (field.numeric ? Qt.ImhDigitsOnly : field.keypad ? Qt.ImhPreferNumbers : Qt.ImhNone)
                          | (field.secret ? Qt.ImhSensitiveData : Qt.ImhNone)
        echoMode: field.secret ? TextInput.Password : TextInput.Normal
        readonly property bool takesKeypad: field.keypad // read by NumericKeypad: it types into this field
        Accessible.name: caption.text
        onAccepted: field.accepted()
        KeyNavigation.tab: field.tabTo
        onTextChanged: if (field.hasChecks && (field.checkWhileTyping || field.problem.length > 0)) field.revalidate()
        onActiveFocusChanged: if (!activeFocus && field.hasChecks) field.revalidate()
    }
    // The line under the field is kept for its problem (or its hint) even when empty, so a problem appearing as
    // the field is typed moves nothing below it; a problem longer than a line takes more.
    Item {
        Layout.fillWidth: true
        implicitHeight: Math.max(oneLine.implicitHeight, problemLine.visible ? problemLine.implicitHeight : 0,
                                 hintLine.visible ? hintLine.implicitHeight : 0)
        Label { id: oneLine; visible: false; text: " "; font.pixelSize: Theme.fontLabel }
        Label {
            id: problemLine
            objectName: field.objectName + "Problem"
            visible: field.shownProblem.length > 0
            width: parent.width
            text: field.shownProblem
            color: Theme.bad
            font.pixelSize: Theme.fontLabel
            wrapMode: Text.Wrap
        }
        Label {
            id: hintLine
            objectName: field.objectName + "Hint"
            visible: field.shownProblem.length === 0 && field.hint.length > 0
            width: parent.width
            text: field.hint
            color: Theme.textMuted
            font.pixelSize: Theme.fontLabel
            wrapMode: Text.Wrap
        }
    }
}
