import QtQuick
import CiiLedger
import CiiLedger.Components

// Destruction on the pharmacy's premises (DEA Form 41): what, how, where, and two witnesses who each sign
// with their own PIN here. Pharmacist or above records it.
FormPage {
    id: page
    objectName: "destroyForm"
    heading: qsTr("Destruction")
    save: function() {
        return Counter.destroy(product.ndc11, packages.text, units.text, method.text, location.text, date.text,
                               first.personId, first.pin, second.personId, second.pin)
    }
    summaryExtra: function() {
        return [{ label: qsTr("Balance on hand"), value: Counter.balanceAfter(product.ndc11, -(Number(packages.text) * product.packageSize + Number(units.text))) }]
    }
    FormField { id: packages; objectName: "destroyPackagesField"; check: t => Counter.fieldProblem("count", t); label: qsTr("Full packages (%1 each)").arg(Counter.quantityText(product.packageSize, product.baseUnit)); numeric: true; input.focus: true }
    FormField { id: units; objectName: "destroyUnitsField"; check: t => Counter.fieldProblem("count", t); label: qsTr("Units from opened packages (%1)").arg(Counter.unitsName(product.baseUnit)); numeric: true }
    FormField { id: method; objectName: "destroyMethodField"; label: qsTr("Method of destruction"); placeholder: qsTr("e.g. chemical digestion kit") }
    FormField { id: location; objectName: "destroyLocationField"; label: qsTr("Where"); placeholder: qsTr("e.g. pharmacy back room") }
    // The two witnesses side by side where there are two columns, so the form fits 1024x768 without scrolling.
    WitnessField { id: first; objectName: "firstWitness"; label: qsTr("First witness") }
    WitnessField { id: second; objectName: "secondWitness"; label: qsTr("Second witness") }
    FormField { id: date; objectName: "destroyDateField"; check: t => Counter.fieldProblem("date", t); label: qsTr("Date (YYYY-MM-DD)"); text: Counter.today() }
}
