import QtQuick
import CiiLedger
import CiiLedger.Components

// A blind count: the expected balance is not shown; the answer after saving says whether it matched.
FormPage {
    id: countPage
    objectName: "countForm"
    heading: qsTr("Blind count")
    save: function() {
        const r = Counter.count(product.ndc11, counted.text)
        return r
    }
    FormField { id: counted; objectName: "countedField"; check: t => Counter.fieldProblem("count", t); label: qsTr("Count on the shelf (%1)").arg(product.baseUnit); numeric: true; input.focus: true; onAccepted: countPage.submit() }
}
