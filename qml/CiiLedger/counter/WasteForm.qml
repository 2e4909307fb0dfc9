import QtQuick
import CiiLedger
import CiiLedger.Components

// Waste (a dropped tablet, a contaminated dose, what is left of a partial dose), seen by a witness who signs
// with their own PIN here. A technician's waste needs a pharmacist as the witness.
FormPage {
    id: page
    objectName: "wasteForm"
    heading: qsTr("Waste")
    save: function() {
        return Counter.waste(product.ndc11, quantity.text, reason.value, note.text, witness.personId, witness.pin)
    }
    FormField { id: quantity; objectName: "wasteQuantityField"; check: t => Counter.fieldProblem("quantity", t); label: qsTr("Quantity wasted (%1)").arg(product.baseUnit); numeric: true; input.focus: true }
    ChoiceField { id: reason; objectName: "wasteReasonField"; label: qsTr("Reason"); values: Counter.choices().wasteReasons }
    FormField { id: note; objectName: "wasteNoteField"; label: qsTr("Note (what happened)") }
    WitnessField { id: witness; objectName: "wasteWitness"; label: qsTr("Witness") }
}
