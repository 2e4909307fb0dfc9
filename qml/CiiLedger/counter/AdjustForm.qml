import QtQuick
import CiiLedger
import CiiLedger.Components

// An adjustment of the recorded balance, with a reason code and a justification, signed by a pharmacist.
// (A miscount is not an adjustment: record a new count; a wrong entry is corrected from the ledger.)
FormPage {
    id: page
    objectName: "adjustForm"
    heading: qsTr("Adjustment")
    save: function() {
        return Counter.adjust(product.ndc11, direction.value, quantity.text, reason.value, justification.text, pin.text)
    }
    ChoiceField { id: direction; objectName: "adjustDirectionField"; label: qsTr("Direction"); values: ["remove", "add"]
                  names: [qsTr("Remove from the balance"), qsTr("Add to the balance")] }
    FormField { id: quantity; objectName: "adjustQuantityField"; check: t => Counter.fieldProblem("quantity", t); label: qsTr("Quantity (%1)").arg(product.baseUnit); numeric: true; input.focus: true }
    ChoiceField { id: reason; objectName: "adjustReasonField"; label: qsTr("Reason"); values: Counter.choices().adjustmentReasons }
    FormField { id: justification; objectName: "justificationField"; label: qsTr("Justification") }
    FormField { id: pin; objectName: "adjustPinField"; label: qsTr("Your PIN to sign"); numeric: true; secret: true }
}
