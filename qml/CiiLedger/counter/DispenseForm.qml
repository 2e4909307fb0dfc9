import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

FormPage {
    id: dispensePage
    objectName: "dispenseForm"
    heading: qsTr("Dispense")
    save: function() {
        return Counter.dispense(product.ndc11, quantity.text, rx.text, prescribed.text,
                                override.checked, overrideReason.text, overridePin.text)
    }
    FormField { id: rx; objectName: "rxField"; label: qsTr("Rx number"); input.focus: true; onAccepted: submit() }
    FormField { id: quantity; objectName: "quantityField"; check: t => Counter.fieldProblem(override.checked ? "quantity" : "dispense", t, product.ndc11); label: qsTr("Quantity dispensed (%1)").arg(product.baseUnit); numeric: true; onAccepted: submit() }
    FormField { id: prescribed; objectName: "prescribedField"; check: t => Counter.fieldProblem("quantity", t); label: qsTr("Quantity prescribed (first fill only; empty on a later partial fill)"); numeric: true; onAccepted: submit() }
    // A pharmacist may dispense more than the records hold when the shelf has it: the balance goes to zero and
    // a discrepancy opens for the difference. Signed with the pharmacist's PIN.
    CheckBox {
        id: override
        objectName: "overrideCheck"
        readonly property string label: qsTr("Over the recorded balance")
        readonly property string summaryText: checked ? qsTr("Yes: the balance goes to zero and a discrepancy opens for the rest") : ""
        text: qsTr("The shelf has it: dispense over the recorded balance (pharmacist)")
        font.pixelSize: Theme.fontBody
        Layout.preferredHeight: Theme.touchTarget
        Layout.columnSpan: 2
        Accessible.name: text
        onCheckedChanged: quantity.revalidate()
    }
    FormField { id: overrideReason; objectName: "overrideReasonField"; visible: override.checked; label: qsTr("Why the records are short") }
    FormField { id: overridePin; objectName: "overridePinField"; visible: override.checked; label: qsTr("Your PIN to sign"); numeric: true; secret: true }
}
