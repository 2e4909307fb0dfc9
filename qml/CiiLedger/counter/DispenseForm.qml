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
    readonly property var prescription: firstFill ? { dateWritten: written.text, prescriber: prescriber.text,
                                                      prescriberDea: prescriberDea.text, partialKind: partial ? partialKind.value : "" } : {}
    save: function() {
        return Counter.dispense(product.ndc11, quantity.text, rx.text, prescribed.text, prescription,
                                override.checked, overrideReason.text, overridePin.text)
    }
    // The Ledger's dry run of this dispense as it is typed (no PIN asked): its refusal, said under the field it is
    // about before the summary (an Rx past its window, more than the Rx has left); {field, message}.
    readonly property var dryRun: Counter.dispenseProblem(product.ndc11, quantity.text, rx.text, prescribed.text, prescription,
                                                         override.checked, overrideReason.text)
    entryProblem: dryRun.message
    // Under `f` when the refusal is about it; an empty field is not called wrong until Save ("is required").
    function problemAt(name, f) {
        const typed = f.text !== undefined ? f.text.trim().length > 0 : f.value !== ""
        return dryRun.field === name && (typed || submitted) ? dryRun.message : ""
    }
    // What the person decides with, as the Rx number is typed: an Rx filled here before shows what is left on it
    // (and the Ledger's refusal of a later fill: nothing left, closed, another drug, past its window).
    readonly property var rxNow: Counter.rxStatus(rx.text, product.ndc11)
    summaryExtra: function() {
        const q = Number(quantity.text)
        const taken = override.checked ? Math.min(q, Math.max(0, stockNow.dispensable || 0)) : q
        const rows = [{ label: qsTr("Balance on hand"), value: Counter.balanceAfter(product.ndc11, -taken) }]
        // What the Rx has left after this fill: of what was left (a later fill), or of what was prescribed (a first).
        const before = rxNow.found ? rxNow.remaining : Number(prescribed.text)
        const of = rxNow.found ? rxNow.prescribed : Number(prescribed.text)
        if (before > 0)
            rows.push({ label: qsTr("Left on the Rx"),
                        value: qsTr("%1 of %2 left after this fill (%3 before)").arg(before - q)
                                   .arg(Counter.quantityText(of, product.baseUnit)).arg(before) })
        return rows
    }
    FormField { id: rx; objectName: "rxField"; label: qsTr("Rx number"); keypad: true; input.focus: true; onAccepted: submit()
                checkWhileTyping: true; check: t => Counter.fieldProblem("rx", t, product.ndc11); hint: dispensePage.rxNow.line
                formProblem: dispensePage.problemAt("rx", rx) }
    FormField { id: quantity; objectName: "quantityField"; check: t => Counter.fieldProblem(override.checked ? "quantity" : "dispense", t, product.ndc11); label: qsTr("Quantity dispensed (%1)").arg(Counter.unitsName(product.baseUnit)); numeric: true; summaryText: amount(text); onAccepted: submit()
                // The balance only when the field's own check (the same rule) has not said it already.
                formProblem: dispensePage.problemAt("quantity", quantity) || (problem.length > 0 ? "" : dispensePage.problemAt("balance", quantity)) }
    FormField { id: prescribed; objectName: "prescribedField"; summaryText: amount(text); check: t => Counter.fieldProblem("quantity", t); label: qsTr("Quantity prescribed (first fill only; empty on a later partial fill)"); numeric: true; onAccepted: submit()
                formProblem: dispensePage.problemAt("prescribed", prescribed) }
    FormField { id: written; objectName: "writtenField"; visible: dispensePage.firstFill; check: t => Counter.fieldProblem("date", t); label: qsTr("Date written (YYYY-MM-DD)"); onAccepted: submit()
                formProblem: dispensePage.problemAt("dateWritten", written) }
    FormField { id: prescriber; objectName: "prescriberField"; visible: dispensePage.firstFill; label: qsTr("Prescriber"); onAccepted: submit()
                formProblem: dispensePage.problemAt("prescriber", prescriber) }
    FormField { id: prescriberDea; objectName: "prescriberDeaField"; visible: dispensePage.firstFill; check: t => Counter.fieldProblem("dea", t); label: qsTr("Prescriber's DEA number"); onAccepted: submit()
                formProblem: dispensePage.problemAt("prescriberDea", prescriberDea) }
    ChoiceField {
        id: partialKind
        objectName: "partialKindField"
        visible: dispensePage.partial
        label: qsTr("Why less than prescribed")
        // Nothing chosen is said by the field itself, in words (not the Ledger's list of codes); then the window.
        formProblem: problem.length > 0 ? "" : dispensePage.problemAt("partialKind", partialKind)
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
    FormField { id: overrideReason; objectName: "overrideReasonField"; visible: override.checked; label: qsTr("Why the records are short")
                formProblem: dispensePage.problemAt("overrideReason", overrideReason) }
    FormField { id: overridePin; objectName: "overridePinField"; visible: override.checked; label: qsTr("Your PIN to sign"); numeric: true; secret: true }
}
