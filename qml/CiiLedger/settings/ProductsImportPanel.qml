import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Settings > Products > Import: the FDA NDC Directory's product.txt and package.txt (or a catalog CSV) chosen with
// the file chooser or typed as a path, read on a worker with its progress, checked without writing (what would be
// added or changed, each refused row by its line), and written only when the person accepts the good rows.
ColumnLayout {
    id: panel
    objectName: "productsImportPanel"
    spacing: Theme.spacingSmall
    property string result: ""
    property bool failed: false
    readonly property string importState: ProductsController.importState

    FileDialog {
        id: fileDialog
        objectName: "importFileDialog"
        title: qsTr("Choose product.txt and package.txt, or a catalog CSV")
        fileMode: FileDialog.OpenFiles
        nameFilters: [qsTr("FDA NDC Directory (product.txt package.txt PRODUCT.TXT PACKAGE.TXT)"), qsTr("Catalog CSV (*.csv)"), qsTr("All files (*)")]
        onAccepted: path.text = ProductsController.pathFromUrls(selectedFiles)
    }
    FolderDialog {
        id: folderDialog
        objectName: "importFolderDialog"
        title: qsTr("Choose the folder the NDC Directory was unzipped into")
        onAccepted: path.text = ProductsController.pathFromUrls([selectedFolder])
    }

    Label {
        text: qsTr("Choose the folder of the FDA's NDC Directory (its text version, unzipped), or its product.txt and package.txt; a catalog CSV works too. The files are checked first: nothing is written until you accept the good rows.")
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
        color: Theme.text
        Layout.fillWidth: true
    }
    RowLayout {
        spacing: Theme.spacingSmall
        Layout.fillWidth: true
        FormField {
            id: path
            objectName: "importPath"
            label: qsTr("Folder or file")
            placeholder: qsTr("Choose with the buttons, or type or paste a path")
            check: function(t) { return ProductsController.importPathProblem(t) }
            checkWhileTyping: true
            Layout.preferredWidth: -1
            onTextChanged: if (panel.importState === "failed" || panel.importState === "done") ProductsController.discardImport()
            onAccepted: checkButton.clicked()
        }
        TouchButton {
            objectName: "importChooseFiles"
            text: qsTr("Choose files\u2026")
            enabled: panel.importState !== "reading"
            Layout.alignment: Qt.AlignTop
            Layout.topMargin: Theme.fontLabel + Theme.spacingTight * 2
            onClicked: fileDialog.open()
        }
        TouchButton {
            objectName: "importChooseFolder"
            text: qsTr("Choose folder\u2026")
            enabled: panel.importState !== "reading"
            Layout.alignment: Qt.AlignTop
            Layout.topMargin: Theme.fontLabel + Theme.spacingTight * 2
            onClicked: folderDialog.open()
        }
    }
    RowLayout {
        spacing: Theme.spacing
        TouchButton {
            id: checkButton
            objectName: "importCheck"
            text: qsTr("Check the files")
            enabled: ProductsController.canManage && panel.importState !== "reading" && path.text.length > 0 && path.problem.length === 0
            onClicked: {
                const refusal = ProductsController.checkImport(path.text)
                panel.failed = refusal.length > 0
                panel.result = refusal
            }
        }
        ProgressBar {
            objectName: "importProgress"
            visible: panel.importState === "reading"
            from: 0
            to: 1
            value: ProductsController.importProgress
            Layout.fillWidth: true
        }
        Label {
            visible: panel.importState === "reading"
            text: qsTr("%1: %2%").arg(ProductsController.importText).arg(Math.round(ProductsController.importProgress * 100))
            font.pixelSize: Theme.fontLabel
            color: Theme.textMuted
        }
    }
    Label {
        objectName: "importRefusal"
        visible: text.length > 0
        text: panel.result
        color: Theme.bad
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
        Layout.fillWidth: true
    }
    Label {
        objectName: "importSummary"
        visible: panel.importState === "checked" || panel.importState === "failed" || panel.importState === "done"
        text: ProductsController.importText
        color: panel.importState === "failed" ? Theme.bad : panel.importState === "done" ? Theme.good : Theme.text
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
        Layout.fillWidth: true
    }
    RowLayout {
        visible: panel.importState === "checked"
        spacing: Theme.spacing
        TouchButton {
            objectName: "importAccept"
            text: ProductsController.importGoodRows === 1 ? qsTr("Import the 1 good row")
                                                           : qsTr("Import the %1 good rows").arg(ProductsController.importGoodRows)
            enabled: ProductsController.importGoodRows > 0
            onClicked: {
                const r = ProductsController.acceptImport()
                panel.failed = !r.ok
                panel.result = r.ok ? "" : r.message
            }
        }
        TouchButton {
            objectName: "importDiscard"
            text: qsTr("Discard")
            onClicked: { ProductsController.discardImport(); panel.result = "" }
        }
        Label {
            visible: ProductsController.importGoodRows === 0
            text: qsTr("Nothing to import: every product is already in the catalog as it is.")
            font.pixelSize: Theme.fontLabel
            color: Theme.textMuted
        }
    }
    ListView {
        id: rejected
        objectName: "importRejected"
        visible: panel.importState === "checked" && count > 0
        model: ProductsController.importRejected
        clip: true
        spacing: Theme.spacingTight
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: Theme.importRejectedMinHeight
        ScrollBar.vertical: ScrollBar {}
        delegate: RowLayout {
            required property var modelData
            required property int index
            objectName: "importRejected_" + index
            width: ListView.view.width
            spacing: Theme.spacingSmall
            Label {
                text: modelData.where
                font.pixelSize: Theme.fontLabel
                font.bold: true
                color: Theme.bad
                Layout.preferredWidth: Theme.importWhereWidth
                Layout.alignment: Qt.AlignTop
            }
            Label {
                text: modelData.reason
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontLabel
                color: Theme.text
                Layout.fillWidth: true
            }
        }
    }
    Item { Layout.fillHeight: true; visible: !rejected.visible }
}
