import QtQuick
import CiiLedger
import CiiLedger.Components

// A blind count: the expected balance is not shown; the answer after saving says whether it matched.
FormPage {
    id: countPage
    objectName: "countForm"
    heading: qsTr("Blind count")
    showsBalance: false
    property bool askedAgain: false // "Count again?" is asked once, before a difference opens a discrepancy
    // Asked at Save, before the summary: a person who has read the summary and pressed "Record it" has decided.
    beforeSummary: function() {
        if (!askedAgain && Counter.countsDiffering([{ ndc11: product.ndc11, counted: counted.text }]).length > 0) {
            askedAgain = true
            counted.text = "" // blind: the second count starts from nothing
            counted.input.forceActiveFocus()
            return qsTr("Count again? This count does not match the records. Count the shelf again and save; recorded as it is, a difference opens a discrepancy for the pharmacist-in-charge.")
        }
        return ""
    }
    save: function() { return Counter.count(product.ndc11, counted.text) }
    FormField { id: counted; objectName: "countedField"; check: t => Counter.fieldProblem("count", t); label: qsTr("Count on the shelf (%1)").arg(Counter.unitsName(product.baseUnit)); numeric: true; summaryText: amount(text); input.focus: true; onAccepted: countPage.submit() }
}
