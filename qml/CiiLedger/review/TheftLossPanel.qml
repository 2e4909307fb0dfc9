import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Theft or loss: every report on record, open ones marked by their deadlines, and beside the list the chosen one's
// DEA Form 106 worksheet, prefilled from the records, with the notice (one business day) and the form (45 days)
// each shown until recorded as sent or filed, with the date and the reference.
RowLayout {
    id: panel
    objectName: "theftLossPanel"
    property var rows: []
    property var chosenId: 0
    property var w: ({ found: false })
    property string message: ""
    property string notice: ""
    spacing: Theme.spacing * 2

    function reload() {
        rows = losses.reports()
        if (chosenId === 0 && rows.length > 0)
            chosenId = rows[0].id
        w = chosenId ? losses.worksheet(chosenId) : { found: false }
    }
    function select(id) { chosenId = id; message = ""; notice = ""; reload() }
    function record(what, date, reference) {
        const r = losses.recordFiling(panel.chosenId, what, date, reference)
        panel.message = r.ok ? "" : r.message
        panel.notice = r.ok ? r.message : ""
    }
    Component.onCompleted: { ReportsController.clear(); reload() }
    readonly property QtObject losses: TheftLossController
    Connections { target: TheftLossController; function onChanged() { panel.reload() } }

    ListView {
        id: list
        objectName: "theftLossList"
        Layout.preferredWidth: Theme.theftLossListWidth
        Layout.maximumWidth: Theme.theftLossListWidth
        Layout.fillHeight: true
        clip: true
        spacing: Theme.spacingRow
        model: panel.rows
        delegate: ItemDelegate {
            id: row
            required property var modelData
            objectName: "loss_" + modelData.id
            width: ListView.view.width
            highlighted: panel.chosenId === modelData.id
            Accessible.name: qsTr("Report %1: %2, %3").arg(modelData.id).arg(modelData.lossType).arg(modelData.product)
            onClicked: panel.select(modelData.id)
            background: Rectangle { color: row.highlighted ? Theme.selectionAlt : Theme.surface; border.color: Theme.border; radius: Theme.radius }
            contentItem: ColumnLayout {
                spacing: Theme.spacingLine
                Label { text: row.modelData.lossType + " \u00B7 " + row.modelData.product; font.pixelSize: Theme.fontBody; font.bold: true; wrapMode: Text.Wrap; Layout.fillWidth: true }
                Label { text: qsTr("%1, discovered %2 \u00B7 report %3").arg(Counter.quantityText(row.modelData.quantity, row.modelData.unit)).arg(row.modelData.discoveryDate).arg(row.modelData.id)
                        font.pixelSize: Theme.fontLabel; color: Theme.textMuted; wrapMode: Text.Wrap; Layout.fillWidth: true }
                Label { visible: !row.modelData.noticeState.done; text: qsTr("DEA notice \u00B7 ") + row.modelData.noticeState.text; wrapMode: Text.Wrap; Layout.fillWidth: true
                        font.pixelSize: Theme.fontLabel; color: row.modelData.noticeState.overdue ? Theme.bad : Theme.warning }
                Label { visible: !row.modelData.formState.done; text: qsTr("Form 106 \u00B7 ") + row.modelData.formState.text; wrapMode: Text.Wrap; Layout.fillWidth: true
                        font.pixelSize: Theme.fontLabel; color: row.modelData.formState.overdue ? Theme.bad : Theme.warning }
                Label { visible: !row.modelData.open; text: qsTr("Notice sent and Form 106 filed"); font.pixelSize: Theme.fontLabel; color: Theme.good }
            }
        }
        Label {
            anchors.centerIn: parent
            width: parent.width - Theme.spacing * 2
            visible: list.count === 0
            text: qsTr("No theft or loss is on record. One is reported from the counter (Theft or loss) or by escalating a discrepancy.")
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
    }

    // The worksheet's facts, as Form 106 asks for them (scrolls when the circumstances are long) ...
    ScrollView {
        id: sheet
        objectName: "form106Worksheet"
        visible: panel.w.found === true
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        ColumnLayout {
            width: sheet.width - Theme.scrollBarRoom // not availableWidth: a scroll bar coming and going would lay it out again
            spacing: Theme.spacingSmall
            Label { text: qsTr("DEA Form 106 worksheet \u00B7 report %1").arg(panel.w.id); font.pixelSize: Theme.fontTitle; elide: Text.ElideRight; Layout.fillWidth: true }
            Label {
                text: qsTr("Prefilled from the records: copy these into Form 106 on the DEA Diversion website, then record the notice and the filing.")
                wrapMode: Text.Wrap; font.pixelSize: Theme.fontLabel; color: Theme.textMuted; Layout.fillWidth: true
            }
            TouchButton {
                objectName: "worksheetPdfButton"
                text: qsTr("Save the worksheet as PDF")
                enabled: !ReportsController.busy
                onClicked: if (ReportsController.makeWorksheet(panel.w.id)) panel.message = ""
            }
            Label {
                objectName: "worksheetPdfState"
                visible: text.length > 0
                text: ReportsController.message
                color: ReportsController.failed ? Theme.bad : Theme.textMuted
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontLabel
                Layout.fillWidth: true
            }
            Label { text: qsTr("Registrant"); font.pixelSize: Theme.fontBody; font.bold: true }
            InfoRow { label: qsTr("Name"); value: panel.w.registrant || "" }
            InfoRow { label: qsTr("Address"); value: panel.w.address || "" }
            InfoRow { objectName: "w106Dea"; label: qsTr("DEA registration number"); value: panel.w.dea || ""; monospace: true }
            Label { text: qsTr("The theft or loss"); font.pixelSize: Theme.fontBody; font.bold: true }
            InfoRow { objectName: "w106Discovery"; label: qsTr("Date of discovery"); value: panel.w.discoveryDate || "" }
            InfoRow { objectName: "w106Type"; label: qsTr("Type"); value: panel.w.lossTypeText || "" }
            InfoRow { objectName: "w106Kind"; label: qsTr("Kind of theft or loss"); value: panel.w.kindText || "" }
            InfoRow { objectName: "w106Police"; label: qsTr("Police report"); value: panel.w.policeReport || qsTr("None made") }
            InfoRow { label: qsTr("Circumstances"); value: panel.w.circumstances || "" }
            InfoRow { visible: panel.w.discrepancyId > 0; label: qsTr("Found by"); value: qsTr("discrepancy %1, a count short of the records").arg(panel.w.discrepancyId) }
            Label { text: qsTr("What was lost"); font.pixelSize: Theme.fontBody; font.bold: true }
            InfoRow { objectName: "w106Ndc"; label: qsTr("NDC"); value: panel.w.ndc || ""; monospace: true }
            InfoRow { objectName: "w106Name"; label: qsTr("Trade or chemical name"); value: panel.w.name || "" }
            InfoRow { label: qsTr("Strength"); value: panel.w.strength || "" }
            InfoRow { label: qsTr("Dosage form"); value: panel.w.form || "" }
            InfoRow { objectName: "w106Quantity"; label: qsTr("Quantity lost"); value: Counter.quantityText(panel.w.quantity || 0, panel.w.unit || "") }
        }
    }

    // ... and beside them the two deadlines, always in view until each is recorded.
    ColumnLayout {
        objectName: "form106Filings"
        visible: panel.w.found === true
        Layout.preferredWidth: Theme.filingWidth
        Layout.maximumWidth: Theme.filingWidth
        Layout.fillHeight: true
        spacing: Theme.spacing
        FilingRow {
            objectName: "noticeFiling"
            title: qsTr("DEA notice (within one business day of discovery)")
            deadline: panel.w.noticeState || ({})
            referenceLabel: qsTr("How it was sent, and its reference")
            onRecord: (date, reference) => panel.record("notice", date, reference)
        }
        FilingRow {
            objectName: "formFiling"
            title: qsTr("Form 106 (within 45 days of discovery)")
            deadline: panel.w.formState || ({})
            referenceLabel: qsTr("The form's confirmation number")
            onRecord: (date, reference) => panel.record("form", date, reference)
        }
        Label {
            objectName: "lossMessage"
            visible: panel.message.length > 0
            text: panel.message
            color: Theme.bad
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontLabel
            Layout.fillWidth: true
        }
        Label {
            objectName: "lossNotice"
            visible: panel.notice.length > 0
            text: panel.notice
            color: Theme.good
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontLabel
            Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
    }
}
