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
    /// The Ledger's check of the chosen witness (Ledger::checkField): witness, or wasteWitness (a technician's waste
    /// wants a pharmacist).
    property string kind: "witness"
    // Said in the line under the PIN: who may not witness as they are chosen; no one chosen and a PIN not typed
    // at Save, before the summary.
    function revalidate() {
        const who_ = Counter.entryProblem(witness.kind, witness.personId)
        if (who_.length > 0) {
            pinField.problem = who_
            return false
        }
        if (!pinField.revalidate())
            return false
        if (pinField.text.length === 0) {
            pinField.problem = qsTr("%1 types their PIN here to sign.").arg(witness.others[who.currentIndex].name)
            return false
        }
        return true
    }

    spacing: Theme.spacingTight
    Layout.fillWidth: true
    Layout.preferredWidth: Theme.fieldWidth

    Label { text: witness.label; font.pixelSize: Theme.fontLabel; color: Theme.textMuted }
    ComboBox {
        id: who
        objectName: witness.objectName + "Person"
        model: witness.others.map(p => p.name + " \u00B7 " + p.role)
        currentIndex: -1 // chosen by the person: no one is assumed to have watched
        displayText: currentIndex < 0 ? qsTr("Choose who watched") : currentText
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touchTarget
        font.pixelSize: Theme.fontBody
        Accessible.name: qsTr("%1: who").arg(witness.label)
        onActivated: pinField.problem = Counter.entryProblem(witness.kind, witness.personId)
    }
    FormField {
        id: pinField
        objectName: witness.objectName + "Pin"
        label: qsTr("%1's PIN (they type it)").arg(witness.label)
        numeric: true
        secret: true
        check: t => Counter.entryProblem(witness.kind, witness.personId)
        Layout.preferredWidth: -1
    }
}
