import QtQuick
import CiiLedger
import CiiLedger.Components

// A theft or significant loss: the stock leaves the records now; the answer gives the two DEA deadlines
// (notice within one business day, Form 106 within 45 days). Pharmacist or above, signed.
FormPage {
    id: page
    objectName: "theftLossForm"
    heading: qsTr("Theft or loss")
    noun: qsTr("theft or loss report")
    save: function() {
        return Counter.reportTheftLoss(product.ndc11, quantity.text, type.value, discovered.text, circumstances.text,
                                       kind.value, police.text, pin.text)
    }
    // Both chosen by the person, never assumed: the first entry is a prompt, and leaving it is said under the field.
    ChoiceField {
        id: type
        objectName: "lossTypeField"
        label: qsTr("Type")
        values: [""].concat(Counter.choices().lossTypes)
        names: [qsTr("Choose theft or loss")].concat(Counter.choices().lossTypes.map(t => words(t)))
        required: true
        requiredText: qsTr("Choose whether it is a theft or a loss.")
    }
    ChoiceField {
        id: kind
        objectName: "lossKindField"
        label: qsTr("Kind (Form 106)")
        readonly property var choices: Counter.choices().lossKinds[type.value] || []
        values: [""].concat(choices.map(k => k.id))
        names: [type.value.length ? qsTr("Choose the kind") : qsTr("Choose the type first")].concat(choices.map(k => k.text))
        required: true
        requiredText: qsTr("Choose the kind of theft or loss Form 106 asks for.")
    }
    FormField { id: quantity; objectName: "lossQuantityField"; check: t => Counter.fieldProblem("quantity", t); label: qsTr("Quantity lost (%1)").arg(Counter.unitsName(product.baseUnit)); numeric: true; summaryText: amount(text); input.focus: true }
    FormField { id: discovered; objectName: "discoveryDateField"; check: t => Counter.fieldProblem("date", t); label: qsTr("Discovered on (YYYY-MM-DD)"); text: Counter.today() }
    FormField { id: circumstances; objectName: "circumstancesField"; label: qsTr("What happened") }
    FormField { id: police; objectName: "policeReportField"; label: qsTr("Police report: number and department (empty if none)") }
    FormField { id: pin; objectName: "lossPinField"; label: qsTr("Your PIN to sign"); numeric: true; secret: true }
}
