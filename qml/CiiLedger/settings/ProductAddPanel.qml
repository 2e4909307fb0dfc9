import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Settings > Products > Add a product: one package by hand, each field checked as it is typed (or when left) in the
// Ledger's own words; nothing is written while a field says a problem. An NDC already in the catalog is said so
// under the field: saving changes that product's details.
ColumnLayout {
    id: panel
    objectName: "productAddPanel"
    spacing: Theme.spacingSmall
    signal saved(string ndc11, string message)
    property string result: ""
    property bool failed: false
    readonly property var fields: [ndc, name, strength, form, packageSize, unit]
    readonly property bool filled: fields.every(f => f.text.trim().length > 0)
    readonly property bool clean: fields.every(f => f.problem.length === 0)

    GridLayout {
        id: grid
        columns: width >= Theme.formTwoColumnsFrom ? 2 : 1
        columnSpacing: Theme.spacing
        rowSpacing: Theme.spacingSmall
        Layout.fillWidth: true
        Layout.maximumWidth: Theme.formMaxWidth
        FormField {
            id: ndc
            objectName: "addNdc"
            label: qsTr("NDC (10 digits with hyphens, as on the label, or 11 digits)")
            placeholder: "0574-4072-01"
            keypad: true
            check: function(t) { return ProductsController.fieldProblem("ndc", t) }
            // The whole row: the NDC's problem is the longest sentence here, and reads on one line.
            Layout.columnSpan: grid.columns
            Layout.preferredWidth: -1
        }
        FormField {
            id: name
            objectName: "addName"
            label: qsTr("Name, as the label says it")
            placeholder: qsTr("Oxycodone Hydrochloride")
            check: function(t) { return ProductsController.fieldProblem("productName", t) }
        }
        FormField {
            id: strength
            objectName: "addStrength"
            label: qsTr("Strength")
            placeholder: "5 mg"
            check: function(t) { return ProductsController.fieldProblem("strength", t) }
        }
        FormField {
            id: form
            objectName: "addForm"
            label: qsTr("Dosage form")
            placeholder: qsTr("Tablet")
            check: function(t) { return ProductsController.fieldProblem("dosageForm", t) }
        }
        FormField {
            id: packageSize
            objectName: "addPackageSize"
            label: qsTr("Package size, in base units")
            placeholder: "100"
            numeric: true
            check: function(t) { return ProductsController.fieldProblem("packageSize", t) }
        }
        FormField {
            id: unit
            objectName: "addUnit"
            label: qsTr("Base unit, what is counted (tablet, capsule, patch, mL)")
            placeholder: qsTr("tablet")
            check: function(t) { return ProductsController.fieldProblem("baseUnit", t) }
        }
    }
    Label {
        objectName: "addExisting"
        text: ndc.problem.length === 0 ? ProductsController.existingProductNote(ndc.text) : ""
        visible: text.length > 0
        color: Theme.warning
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontLabel
        Layout.fillWidth: true
    }
    RowLayout {
        spacing: Theme.spacing
        TouchButton {
            objectName: "addSave"
            text: qsTr("Add the product")
            enabled: ProductsController.canManage && panel.filled && panel.clean
            onClicked: {
                let ok = true
                for (const f of panel.fields)
                    ok = f.revalidate() && ok
                if (!ok)
                    return
                const r = ProductsController.addProduct(ndc.text, name.text, strength.text, form.text, packageSize.text, unit.text)
                panel.failed = !r.ok
                panel.result = r.message
                if (r.ok) {
                    for (const f of panel.fields)
                        f.text = ""
                    panel.saved(r.ndc11, r.message)
                }
            }
        }
        Label {
            objectName: "addWhy"
            visible: !(panel.filled && panel.clean)
            text: !panel.clean ? qsTr("Correct the fields marked above.") : qsTr("Fill in every field to add the product.")
            font.pixelSize: Theme.fontLabel
            color: Theme.textMuted
        }
    }
    Label {
        objectName: "addResult"
        visible: text.length > 0
        text: panel.result
        color: panel.failed ? Theme.bad : Theme.good
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
        Layout.fillWidth: true
    }
    Item { Layout.fillHeight: true }
}
