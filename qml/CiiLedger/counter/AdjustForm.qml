import QtQuick
import CiiLedger
import CiiLedger.Components

// An adjustment of the recorded balance, with a reason code and a justification, signed by a pharmacist.
// (A miscount is not an adjustment: record a new count; a wrong entry is corrected from the ledger.)
// Or stock set aside awaiting disposal (expired, damaged): it stays on hand and counted, is no longer dispensed,
// and leaves only by a destruction or a reverse distributor's shipment; the justification says why.
FormPage {
    id: page
    objectName: "adjustForm"
    heading: qsTr("Adjustment")
    save: function() {
        return Counter.adjust(product.ndc11, direction.value, quantity.text, reason.value, justification.text, pin.text)
    }
    summaryExtra: function() {
        const q = Number(quantity.text)
        return [{ label: qsTr("Balance on hand"), value: Counter.balanceAfter(product.ndc11, direction.value === "add" ? q : direction.value === "remove" ? -q : 0) }]
    }
    readonly property bool settingAside: direction.value === "set-aside"
    ChoiceField { id: direction; objectName: "adjustDirectionField"; label: qsTr("Direction"); values: ["remove", "add", "set-aside"]
                  names: [qsTr("Remove from the balance"), qsTr("Add to the balance"), qsTr("Set aside awaiting disposal")] }
    FormField { id: quantity; objectName: "adjustQuantityField"; check: t => Counter.fieldProblem("quantity", t); label: qsTr("Quantity (%1)").arg(Counter.unitsName(product.baseUnit)); numeric: true; summaryText: amount(text); input.focus: true }
    ChoiceField { id: reason; objectName: "adjustReasonField"; label: qsTr("Reason"); values: Counter.choices().adjustmentReasons; visible: !page.settingAside }
    FormField { id: justification; objectName: "justificationField"; label: page.settingAside ? qsTr("Why (expired, damaged, recalled)") : qsTr("Justification") }
    FormField { id: pin; objectName: "adjustPinField"; label: qsTr("Your PIN to sign"); numeric: true; secret: true }
}
