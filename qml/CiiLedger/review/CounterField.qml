import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// One person who counted an inventory, chosen from the pharmacy's staff. Anyone but the signed-in
// pharmacist-in-charge types their own PIN here (the PIC's signature covers their own count). The PIN is never kept
// in a draft. `optional`: the first entry, "No one else", leaves it out.
ColumnLayout {
    id: field
    property string label: qsTr("Counted by")
    property bool optional: false
    readonly property var staff: Counter.people.filter(p => p.hasPin)
    readonly property var choices: (optional ? [{ id: "", name: qsTr("No one else"), role: "" }] : []).concat(staff)
    readonly property string personId: who.currentIndex >= 0 && who.currentIndex < choices.length ? choices[who.currentIndex].id : ""
    readonly property bool needsPin: personId.length > 0 && personId !== Counter.personId
    property alias pin: pinField.text
    function choose(id) { who.currentIndex = Math.max(0, choices.findIndex(p => p.id === id)) }
    /// {personId, secret} for Counter.verifyThen and InventoryController.take, or null when no one is chosen.
    function signer() { return personId.length > 0 ? { personId: personId, secret: needsPin ? pinField.text : "" } : null }

    spacing: Theme.spacingTight
    Layout.fillWidth: true
    Layout.preferredWidth: Theme.fieldWidth

    Label { text: field.label; font.pixelSize: Theme.fontLabel; color: Theme.textMuted }
    ComboBox {
        id: who
        objectName: field.objectName + "Person"
        model: field.choices.map(p => p.role.length ? p.name + " \u00B7 " + p.role : p.name)
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touchTarget
        font.pixelSize: Theme.fontBody
        Accessible.name: qsTr("%1: who").arg(field.label)
        onActivated: pinField.text = ""
    }
    FormField {
        id: pinField
        objectName: field.objectName + "Pin"
        visible: field.needsPin
        label: qsTr("Their PIN (they type it)")
        numeric: true
        secret: true
        Layout.preferredWidth: -1
    }
}
