import QtQuick
import CiiLedger
import CiiLedger.Components

// Stock to or from another DEA registrant: a transfer out or in, a return to the supplier, or to a reverse
// distributor. Pharmacist or above (the Ledger says so if not).
FormPage {
    id: page
    objectName: "movementForm"
    heading: qsTr("Transfer or return")
    save: function() {
        return Counter.recordMovement(kind.value, product.ndc11, quantity.text, party.text, partyDea.text, order.text, date.text)
    }
    summaryExtra: function() {
        const q = Number(quantity.text)
        return [{ label: qsTr("Balance on hand"), value: Counter.balanceAfter(product.ndc11, kind.value === "transfer-in" ? q : -q) }]
    }
    ChoiceField {
        id: kind
        objectName: "movementKindField"
        label: qsTr("What happened")
        values: Counter.choices().movementKinds
        names: [qsTr("Transfer out to another registrant"), qsTr("Transfer in from another registrant"),
                qsTr("Return to the supplier"), qsTr("Sent to a reverse distributor")]
    }
    FormField { id: quantity; objectName: "movementQuantityField"; check: t => Counter.fieldProblem("quantity", t); label: qsTr("Quantity (%1)").arg(Counter.unitsName(product.baseUnit)); numeric: true; summaryText: amount(text); input.focus: true }
    FormField { id: party; objectName: "partyField"; label: kind.value === "transfer-in" ? qsTr("From (registrant's name)") : qsTr("To (registrant's name)") }
    FormField { id: partyDea; objectName: "partyDeaField"; check: t => Counter.fieldProblem("dea", t); label: qsTr("Their DEA number") }
    FormField { id: order; objectName: "movementOrderField"; label: qsTr("Form 222, CSOS order or form number") }
    FormField { id: date; objectName: "movementDateField"; check: t => Counter.fieldProblem("date", t); label: qsTr("Date (YYYY-MM-DD)"); text: Counter.today() }
}
