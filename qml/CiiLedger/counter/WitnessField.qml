import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// A witness: another person on shift chooses their name and signs with their own PIN, on this screen.
// The Ledger checks who may witness (not the person recording it; a pharmacist where the law wants one).
ColumnLayout {
    id: witness
    property string label: qsTr("Witness")
    readonly property var others: Counter.people.filter(p => p.id !== Counter.personId)
    readonly property string personId: who.currentIndex >= 0 && others.length > 0 ? others[who.currentIndex].id : ""
    readonly property string summaryText: who.currentIndex >= 0 && others.length > 0
                                          ? qsTr("%1 (signs with their PIN)").arg(others[who.currentIndex].name) : ""
    property alias pin: pinField.text

    spacing: Theme.spacingTight
    Layout.fillWidth: true
    Layout.preferredWidth: Theme.fieldWidth

    Label { text: witness.label; font.pixelSize: Theme.fontLabel; color: Theme.textMuted }
    ComboBox {
        id: who
        objectName: witness.objectName + "Person"
        model: witness.others.map(p => p.name + " \u00B7 " + p.role)
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touchTarget
        font.pixelSize: Theme.fontBody
        Accessible.name: qsTr("%1: who").arg(witness.label)
    }
    FormField {
        id: pinField
        objectName: witness.objectName + "Pin"
        label: qsTr("%1's PIN (they type it)").arg(witness.label)
        numeric: true
        secret: true
        Layout.preferredWidth: -1
    }
}
