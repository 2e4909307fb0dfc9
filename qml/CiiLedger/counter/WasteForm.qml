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
    FormField { id: quantity; objectName: "wasteQuantityField"; check: t => Counter.fieldProblem("quantity", t); label: qsTr("Quantity wasted (%1)").arg(Counter.unitsName(product.baseUnit)); numeric: true; summaryText: amount(text); input.focus: true }
    summaryExtra: function() { return [{ label: qsTr("Balance on hand"), value: Counter.balanceAfter(product.ndc11, -Number(quantity.text)) }] }
    ChoiceField { id: reason; objectName: "wasteReasonField"; label: qsTr("Reason"); values: Counter.choices().wasteReasons
                  onValueChanged: note.revalidate() }
    // Checked as the reason is chosen and at Save, before the summary: the note "other" needs, the witness the
    // Ledger would refuse (a technician's waste wants a pharmacist).
    FormField { id: note; objectName: "wasteNoteField"; label: qsTr("Note (what happened)"); checkEmpty: true
                check: t => Counter.entryProblem("wasteNote", t, reason.value) }
    WitnessField { id: witness; objectName: "wasteWitness"; label: qsTr("Witness"); kind: "wasteWitness" }
}
