import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

FormPage {
    id: dispensePage
    objectName: "dispenseForm"
    heading: qsTr("Dispense")
    // A first fill names its prescription (the quantity prescribed is given only then); less than prescribed is a
    // partial fill, whose kind sets how long the rest may follow (21 CFR 1306.13).
    readonly property bool firstFill: prescribed.text.trim().length > 0
    readonly property bool partial: firstFill && Number(quantity.text) > 0 && Number(quantity.text) < Number(prescribed.text)
    save: function() {
        const prescription = firstFill ? { dateWritten: written.text, prescriber: prescriber.text,
                                           prescriberDea: prescriberDea.text, partialKind: partial ? partialKind.value : "" } : {}
        return Counter.dispense(product.ndc11, quantity.text, rx.text, prescribed.text, prescription,
                                override.checked, overrideReason.text, overridePin.text)
    }
    // What the person decides with, as the Rx number is typed: an Rx filled here before shows what is left on it
    // (and the Ledger's refusal of a later fill: nothing left, closed, another drug, past its window).
    readonly property var rxNow: Counter.rxStatus(rx.text, product.ndc11)
    summaryExtra: function() {
        const q = Number(quantity.text)
        const taken = override.checked ? Math.min(q, Math.max(0, stockNow.dispensable || 0)) : q
        const rows = [{ label: qsTr("Balance on hand"), value: Counter.balanceAfter(product.ndc11, -taken) }]
        if (rxNow.found)
            rows.push({ label: qsTr("Left on the Rx"), value: qsTr("%1 \u2192 %2").arg(Counter.quantityText(rxNow.remaining, product.baseUnit))
                                                             .arg(Counter.quantityText(rxNow.remaining - q, product.baseUnit)) })
        return rows
    }
    FormField { id: rx; objectName: "rxField"; label: qsTr("Rx number"); keypad: true; input.focus: true; onAccepted: submit()
                checkWhileTyping: true; check: t => Counter.fieldProblem("rx", t, product.ndc11); hint: dispensePage.rxNow.line }
    FormField { id: quantity; objectName: "quantityField"; check: t => Counter.fieldProblem(override.checked ? "quantity" : "dispense", t, product.ndc11); label: qsTr("Quantity dispensed (%1)").arg(Counter.unitsName(product.baseUnit)); numeric: true; summaryText: amount(text); onAccepted: submit() }
    FormField { id: prescribed; objectName: "prescribedField"; summaryText: amount(text); check: t => Counter.fieldProblem("quantity", t); label: qsTr("Quantity prescribed (first fill only; empty on a later partial fill)"); numeric: true; onAccepted: submit() }
    FormField { id: written; objectName: "writtenField"; visible: dispensePage.firstFill; check: t => Counter.fieldProblem("date", t); label: qsTr("Date written (YYYY-MM-DD)"); onAccepted: submit() }
    FormField { id: prescriber; objectName: "prescriberField"; visible: dispensePage.firstFill; label: qsTr("Prescriber"); onAccepted: submit() }
    FormField { id: prescriberDea; objectName: "prescriberDeaField"; visible: dispensePage.firstFill; check: t => Counter.fieldProblem("dea", t); label: qsTr("Prescriber's DEA number"); onAccepted: submit() }
    ChoiceField {
        id: partialKind
        objectName: "partialKindField"
        visible: dispensePage.partial
        label: qsTr("Why less than prescribed")
        required: true
        requiredText: qsTr("Choose why less than prescribed is filled: it sets how long the rest may follow.")
        values: ["", "cannot-supply", "long-term-care", "patient-request"]
        names: [qsTr("Choose why"), qsTr("We cannot supply all of it (the rest within 72 hours)"),
                qsTr("Long-term care or terminally ill (up to 60 days from the date written)"),
                qsTr("The patient or prescriber asked (within 30 days of the date written)")]
    }
    // A pharmacist may dispense more than the records hold when the shelf has it: the balance goes to zero and
    // a discrepancy opens for the difference. Signed with the pharmacist's PIN.
    CheckBox {
        id: override
        objectName: "overrideCheck"
        readonly property string label: qsTr("Over the recorded balance")
        readonly property string summaryText: checked ? qsTr("Yes: the balance goes to zero and a discrepancy opens for the rest") : ""
        text: qsTr("The shelf has it: dispense over the recorded balance (pharmacist)")
        // Not offered to whom the Ledger would refuse it, after a full form and a PIN; said why under it.
        enabled: !Counter.refusals.dispenseOverride
        font.pixelSize: Theme.fontBody
        Layout.preferredHeight: Theme.touchTarget
        Layout.columnSpan: 2
        Accessible.name: text
        Accessible.description: Counter.refusals.dispenseOverride || ""
        onCheckedChanged: quantity.revalidate()
    }
    Label {
        objectName: "overrideWhyNot"
        visible: !override.enabled
        text: Counter.refusals.dispenseOverride || ""
        color: Theme.textMuted
        font.pixelSize: Theme.fontLabel
        wrapMode: Text.Wrap
        Layout.fillWidth: true
        Layout.columnSpan: 2
    }
    FormField { id: overrideReason; objectName: "overrideReasonField"; visible: override.checked; label: qsTr("Why the records are short") }
    FormField { id: overridePin; objectName: "overridePinField"; visible: override.checked; label: qsTr("Your PIN to sign"); numeric: true; secret: true }
}
