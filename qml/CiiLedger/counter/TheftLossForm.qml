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
    ChoiceField { id: type; objectName: "lossTypeField"; label: qsTr("Type"); values: Counter.choices().lossTypes }
    ChoiceField {
        id: kind
        objectName: "lossKindField"
        label: qsTr("Kind (Form 106)")
        readonly property var choices: Counter.choices().lossKinds[type.value] || []
        values: choices.map(k => k.id)
        names: choices.map(k => k.text)
    }
    FormField { id: quantity; objectName: "lossQuantityField"; check: t => Counter.fieldProblem("quantity", t); label: qsTr("Quantity lost (%1)").arg(product.baseUnit); numeric: true; input.focus: true }
    FormField { id: discovered; objectName: "discoveryDateField"; check: t => Counter.fieldProblem("date", t); label: qsTr("Discovered on (YYYY-MM-DD)"); text: Counter.today() }
    FormField { id: circumstances; objectName: "circumstancesField"; label: qsTr("What happened") }
    FormField { id: police; objectName: "policeReportField"; label: qsTr("Police report: number and department (empty if none)") }
    FormField { id: pin; objectName: "lossPinField"; label: qsTr("Your PIN to sign"); numeric: true; secret: true }
}
