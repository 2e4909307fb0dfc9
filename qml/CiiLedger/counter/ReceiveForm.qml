import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

FormPage {
    objectName: "receiveForm"
    heading: qsTr("Receive")
    noun: qsTr("receipt")
    property string scanLot: ""      // from a GS1 DataMatrix scan
    property string scanExpiry: ""
    scannedHere: function(r) {
        if (r.lot.length === 0 && r.expiry.length === 0)
            return qsTr("Scanned %1; the barcode carries no lot or expiry.").arg(r.name)
        if (r.lot.length > 0)
            lot.text = r.lot
        if (r.expiry.length > 0)
            expiry.text = r.expiry
        return qsTr("Lot and expiry filled from the scan.")
    }
    save: function() {
        return Counter.receive(product.ndc11, packages.text, orderType.value,
                               order.text, supplier.text, supplierDea.text, lot.text, expiry.text,
                               shipped.text, shortReceipt ? supplierTold.text : "")
    }
    // A short receipt (fewer arrived than shipped): only what arrived is received, and the supplier, told, reports
    // the rest as a loss in transit (21 CFR 1301.74(c)). The rule is the Ledger's; this only shows the note's field.
    readonly property bool shortReceipt: shipped.text.length > 0 && packages.text.length > 0 && Number(shipped.text) > Number(packages.text)
    // The summary says a receipt's packages and what they hold: "2 packages = 200 tablets".
    summaryExtra: function() {
        return [{ label: qsTr("Balance on hand"), value: Counter.balanceAfter(product.ndc11, Number(packages.text) * product.packageSize) }]
    }
    FormField { id: packages; objectName: "packagesField"; check: t => Counter.fieldProblem("quantity", t); label: qsTr("Packages received (%1 each)").arg(Counter.quantityText(product.packageSize, product.baseUnit)); numeric: true; input.focus: true
                summaryText: /^[0-9]+$/.test(text) ? Counter.packagesText(Number(text), product.packageSize, product.baseUnit) : text }
    FormField { id: shipped; objectName: "shippedField"; label: qsTr("Packages shipped (empty: as received)"); numeric: true }
    FormField { id: supplierTold; objectName: "supplierToldField"; visible: shortReceipt; label: qsTr("Who at the supplier was told of the missing packages") }
    ChoiceField {
        id: orderType
        objectName: "orderTypeField"
        label: qsTr("Ordered on")
        values: ["222", "CSOS"]
        names: [qsTr("DEA Form 222"), qsTr("CSOS")]
        onValueChanged: if (order.problem.length > 0) order.revalidate()
    }
    FormField { id: order; objectName: "orderField"; check: t => orderType.value === "222" ? Counter.fieldProblem("form222", t) : ""; label: qsTr("Form 222 number or CSOS order id") }
    FormField { id: supplier; objectName: "supplierField"; label: qsTr("Supplier") }
    FormField { id: supplierDea; objectName: "supplierDeaField"; check: t => Counter.fieldProblem("dea", t); label: qsTr("Supplier's DEA number") }
    FormField { id: lot; objectName: "lotField"; label: qsTr("Lot"); text: scanLot }
    FormField { id: expiry; objectName: "expiryField"; check: t => Counter.fieldProblem("expiry", t); label: qsTr("Expiry (YYYY-MM-DD)"); text: scanExpiry }
}
