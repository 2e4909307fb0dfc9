import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A labelled choice for a form. `values` are the codes the Ledger expects ("data-entry-error"); each is shown
// in words ("Data entry error") unless `names` gives the words. `value` is the chosen code.
ColumnLayout {
    id: field
    property alias label: caption.text
    property var values: []
    property var names: []
    readonly property string value: box.currentIndex >= 0 ? field.values[box.currentIndex] : ""
    readonly property string summaryText: box.currentText
    property alias box: box
    /// When the first value is a prompt ("Choose why"), `required` makes leaving it a problem shown under the field.
    property bool required: false
    property string requiredText: qsTr("Choose one.")
    property string problem: ""
    /// As FormField's: a problem of the whole entry about this choice (a partial fill past its window), set by the form.
    property string formProblem: ""
    property string summaryLabel: caption.text.replace(/\s*\([^()]*\)\s*$/, "")
    readonly property string shownProblem: [field.problem, field.formProblem].filter((p, i, all) => p.length > 0 && all.indexOf(p) === i).join(" ")
    // A choice made (by a tap, a key or a draft brought back) clears the problem said of it.
    onValueChanged: if (field.problem.length > 0) field.revalidate()
    function revalidate() {
        field.problem = field.required && field.value === "" ? field.requiredText : ""
        return field.problem.length === 0 && field.formProblem.length === 0
    }

    function words(code) { return code.length ? code.charAt(0).toUpperCase() + code.slice(1).replace(/-/g, " ") : code }

    spacing: Theme.spacingTight
    Layout.fillWidth: true
    Layout.preferredWidth: Theme.fieldWidth

    Label { id: caption; font.pixelSize: Theme.fontLabel; color: Theme.textMuted; wrapMode: Text.Wrap; Layout.fillWidth: true }
    ComboBox {
        id: box
        objectName: field.objectName + "Box"
        model: field.names.length === field.values.length ? field.names : field.values.map(field.words)
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touchTarget
        font.pixelSize: Theme.fontBody
        Accessible.name: caption.text
        onActivated: if (field.problem.length > 0) field.revalidate()
    }
    // Its problem's line is kept, as FormField's: a problem appearing moves nothing below.
    Item {
        Layout.fillWidth: true
        implicitHeight: Math.max(oneLine.implicitHeight, problemLine.visible ? problemLine.implicitHeight : 0)
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
    }
}
