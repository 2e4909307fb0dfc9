import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Settings > Products: the catalog searched and listed (name as the label says it, NDC, package, on hand, active
// or not, reorder point); a product chosen beside the list is deactivated, reactivated or given a reorder point.
// Importing the FDA NDC Directory and adding a product by hand are the other two tabs. A person who may not change
// the catalog reads it, with a sentence saying who may; the Ledger refuses them in any case.
Item {
    id: page
    objectName: "productsPage"
    property var stack
    property string chosen: ""   // the chosen product's ndc11
    readonly property var chosenRow: { ProductsController.catalog.count; return ProductsController.catalog.get(ProductsController.catalog.rowOf(chosen)) }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing * 2
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Settings \u203a Products")
                font.pixelSize: Theme.fontTitle
                color: Theme.text
                Layout.fillWidth: true
            }
            TouchButton {
                objectName: "productsBack"
                text: qsTr("Back")
                onClicked: page.stack.pop()
            }
        }
        Label {
            objectName: "productsWhoMay"
            visible: text.length > 0
            text: ProductsController.whoMay
            color: Theme.warning
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontBody
            Layout.fillWidth: true
        }
        TabBar {
            id: tabs
            Layout.fillWidth: true
            TabButton {
                objectName: "productsTabList"
                text: qsTr("Products")
                Accessible.name: text
                font.pixelSize: Theme.fontBody
                height: Theme.touchTarget
            }
            TabButton {
                objectName: "productsTabImport"
                text: qsTr("Import the FDA directory")
                Accessible.name: text
                enabled: ProductsController.canManage
                font.pixelSize: Theme.fontBody
                height: Theme.touchTarget
            }
            TabButton {
                objectName: "productsTabAdd"
                text: qsTr("Add a product")
                Accessible.name: text
                enabled: ProductsController.canManage
                font.pixelSize: Theme.fontBody
                height: Theme.touchTarget
            }
        }
        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex

            // The list and the chosen product.
            RowLayout {
                spacing: Theme.spacing
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    spacing: Theme.spacingSmall
                    FormField {
                        id: search
                        objectName: "productsSearch"
                        label: qsTr("Search by name or NDC")
                        Layout.preferredWidth: -1
                        onTextChanged: ProductsController.catalog.filter(text)
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        Layout.leftMargin: Theme.rowPadding
                        Layout.rightMargin: Theme.rowPadding
                        spacing: Theme.spacingSmall
                        Label { text: qsTr("Product and NDC"); font.pixelSize: Theme.fontLabel; color: Theme.textMuted; Layout.fillWidth: true }
                        Label { text: qsTr("On hand"); font.pixelSize: Theme.fontLabel; color: Theme.textMuted; Layout.preferredWidth: Theme.productNumberWidth; horizontalAlignment: Text.AlignRight }
                        Label { text: qsTr("Reorder at"); font.pixelSize: Theme.fontLabel; color: Theme.textMuted; Layout.preferredWidth: Theme.productNumberWidth; horizontalAlignment: Text.AlignRight }
                        Label { text: qsTr("Status"); font.pixelSize: Theme.fontLabel; color: Theme.textMuted; Layout.preferredWidth: Theme.productStatusWidth }
                    }
                    ListView {
                        id: list
                        objectName: "productsList"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        spacing: Theme.spacingTight
                        model: ProductsController.catalog
                        ScrollBar.vertical: ScrollBar {}
                        delegate: ItemDelegate {
                            id: row
                            required property string ndc11
                            required property string ndc
                            required property string displayName
                            required property string onHandText
                            required property var reorderPoint
                            required property string unit
                            required property bool active
                            required property bool belowReorder
                            objectName: "productRow_" + ndc11
                            width: ListView.view.width
                            implicitHeight: Math.max(Theme.touchTarget, implicitContentHeight + topPadding + bottomPadding)
                            Accessible.name: displayName
                            onClicked: { page.chosen = ndc11; detail.result = "" }
                            background: Rectangle {
                                color: page.chosen === row.ndc11 || row.down ? Theme.selection : Theme.surface
                                border.color: Theme.border
                                border.width: page.chosen === row.ndc11 ? Theme.borderWidthChosen : Theme.borderWidth
                                radius: Theme.radius
                            }
                            contentItem: RowLayout {
                                spacing: Theme.spacingSmall
                                ColumnLayout {
                                    spacing: Theme.spacingLine
                                    Layout.fillWidth: true
                                    Label { text: row.displayName; font.pixelSize: Theme.fontBody; wrapMode: Text.Wrap; maximumLineCount: 2
                                            elide: Text.ElideRight; Layout.fillWidth: true; color: row.active ? Theme.text : Theme.textMuted }
                                    Label { text: qsTr("NDC %1").arg(row.ndc); font.pixelSize: Theme.fontLabel; color: Theme.textMuted }
                                }
                                Label { text: row.onHandText; font.pixelSize: Theme.fontBody; horizontalAlignment: Text.AlignRight
                                        color: row.belowReorder ? Theme.warning : Theme.text; Layout.preferredWidth: Theme.productNumberWidth }
                                Label { text: row.reorderPoint > 0 ? Counter.quantityText(row.reorderPoint, row.unit) : qsTr("none")
                                        font.pixelSize: Theme.fontLabel; color: Theme.textMuted; horizontalAlignment: Text.AlignRight
                                        Layout.preferredWidth: Theme.productNumberWidth }
                                Label { text: !row.active ? qsTr("Inactive") : row.belowReorder ? qsTr("Reorder") : qsTr("Active")
                                        font.pixelSize: Theme.fontLabel; font.bold: !row.active || row.belowReorder
                                        color: !row.active ? Theme.textMuted : row.belowReorder ? Theme.warning : Theme.good
                                        Layout.preferredWidth: Theme.productStatusWidth }
                            }
                        }
                        Label {
                            anchors.centerIn: parent
                            visible: list.count === 0
                            text: search.text.length > 0 ? qsTr("No product's name or NDC contains \u201c%1\u201d.").arg(search.text)
                                                         : qsTr("The catalog is empty: import the FDA directory or add a product.")
                            font.pixelSize: Theme.fontBody
                            color: Theme.textMuted
                        }
                    }
                    Label {
                        objectName: "productsCount"
                        text: ProductsController.catalog.more ? qsTr("The first %1 shown: narrow the search to see the others.").arg(list.count)
                                                              : list.count === 1 ? qsTr("1 product") : qsTr("%1 products").arg(list.count)
                        font.pixelSize: Theme.fontLabel
                        color: Theme.textMuted
                    }
                }

                // The chosen product.
                Rectangle {
                    id: detail
                    objectName: "productDetail"
                    property string result: ""
                    property bool failed: false
                    readonly property string refusal: { ProductsController.catalog.count; page.chosenRow.ndc11 ? ProductsController.deactivateRefusal(page.chosenRow.ndc11) : "" }
                    function show(r) { detail.result = r.message; detail.failed = !r.ok }
                    Layout.preferredWidth: Math.min(Theme.productDetailWidth, page.width * 0.3)
                    Layout.fillHeight: true
                    color: Theme.surface
                    border.color: Theme.border
                    radius: Theme.radius
                    ColumnLayout {
                        anchors.fill: parent
                        anchors.margins: Theme.spacing
                        spacing: Theme.spacingSmall
                        Label {
                            visible: !page.chosenRow.ndc11
                            text: qsTr("Choose a product in the list to deactivate it or set its reorder point.")
                            wrapMode: Text.Wrap
                            font.pixelSize: Theme.fontBody
                            color: Theme.textMuted
                            Layout.fillWidth: true
                        }
                        Label {
                            objectName: "productDetailName"
                            visible: !!page.chosenRow.ndc11
                            text: page.chosenRow.displayName || ""
                            wrapMode: Text.Wrap
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: Theme.text
                            Layout.fillWidth: true
                        }
                        Label {
                            visible: !!page.chosenRow.ndc11
                            text: qsTr("NDC %1 \u00B7 %2 on hand").arg(page.chosenRow.ndc || "").arg(page.chosenRow.onHandText || "")
                            wrapMode: Text.Wrap
                            font.pixelSize: Theme.fontLabel
                            color: Theme.textMuted
                            Layout.fillWidth: true
                        }
                        TouchButton {
                            objectName: "productDeactivate"
                            visible: !!page.chosenRow.ndc11 && page.chosenRow.active
                            text: qsTr("Deactivate")
                            enabled: detail.refusal.length === 0
                            onClicked: detail.show(ProductsController.deactivate(page.chosen))
                        }
                        Label {
                            objectName: "productDeactivateWhy"
                            visible: !!page.chosenRow.ndc11 && page.chosenRow.active && detail.refusal.length > 0
                            text: detail.refusal
                            wrapMode: Text.Wrap
                            font.pixelSize: Theme.fontLabel
                            color: Theme.textMuted
                            Layout.fillWidth: true
                        }
                        TouchButton {
                            objectName: "productReactivate"
                            visible: !!page.chosenRow.ndc11 && !page.chosenRow.active
                            enabled: ProductsController.canManage
                            text: qsTr("Reactivate")
                            onClicked: detail.show(ProductsController.reactivate(page.chosen))
                        }
                        FormField {
                            id: reorder
                            objectName: "productReorderPoint"
                            visible: !!page.chosenRow.ndc11
                            enabled: ProductsController.canManage
                            label: qsTr("Reorder point, in %1s (0: none)").arg(page.chosenRow.unit || qsTr("unit"))
                            numeric: true
                            check: function(t) { return ProductsController.fieldProblem("reorderPoint", t) }
                            Layout.preferredWidth: -1
                            onAccepted: reorderSave.clicked()
                            Connections {
                                target: page
                                function onChosenChanged() { reorder.text = page.chosenRow.reorderPoint > 0 ? String(page.chosenRow.reorderPoint) : "" }
                            }
                        }
                        TouchButton {
                            id: reorderSave
                            objectName: "productReorderSave"
                            visible: !!page.chosenRow.ndc11
                            text: qsTr("Save the reorder point")
                            enabled: ProductsController.canManage && reorder.problem.length === 0
                            onClicked: if (reorder.revalidate()) detail.show(ProductsController.setReorderPoint(page.chosen, reorder.text))
                        }
                        Label {
                            objectName: "productResult"
                            visible: text.length > 0
                            text: detail.result
                            color: detail.failed ? Theme.bad : Theme.good
                            wrapMode: Text.Wrap
                            font.pixelSize: Theme.fontBody
                            Layout.fillWidth: true
                        }
                        Item { Layout.fillHeight: true }
                    }
                }
            }

            ProductsImportPanel {}
            ProductAddPanel {
                onSaved: function(ndc11, message) {
                    tabs.currentIndex = 0
                    search.text = ""
                    page.chosen = ndc11
                    detail.result = message
                    detail.failed = false
                }
            }
        }
    }
}
