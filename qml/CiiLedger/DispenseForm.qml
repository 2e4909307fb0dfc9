import QtQuick
import CiiLedger
import CiiLedger.Components

FormPage {
    objectName: "dispenseForm"
    heading: qsTr("Dispense")
    save: function() { return Counter.dispense(product.ndc11, quantity.text, rx.text, prescribed.text) }
    FormField { id: rx; objectName: "rxField"; label: qsTr("Rx number"); input.focus: true; onAccepted: submit() }
    FormField { id: quantity; objectName: "quantityField"; label: qsTr("Quantity dispensed (%1)").arg(product.baseUnit); numeric: true; onAccepted: submit() }
    FormField { id: prescribed; objectName: "prescribedField"; label: qsTr("Quantity prescribed (first fill only; empty on a later partial fill)"); numeric: true; onAccepted: submit() }
}
