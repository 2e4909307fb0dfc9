import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Pdf
import CiiLedger
import CiiLedger.Components

// Records and reports: choose a record, a date range, make it (on a worker, with progress and Stop), then read
// it here as the inspector will (the PDF, page by page) before printing it from the saved file. The CSV is saved
// beside it. Who may is the Ledger's rule, checked in C++: a technician is told so in a sentence.
Page {
    id: page
    objectName: "reportsPage"
    property var stack
    property string chosen: "dispensing"
    background: Rectangle { color: Theme.background }
    Keys.onEscapePressed: if (!reports.busy) stack.pop()

    readonly property QtObject reports: ReportsController
    Component.onDestruction: ReportsController.stop() // leaving the page stops the report being made
    Component.onCompleted: {
        ReportsController.clear()
        const r = reports.defaultRange()
        fromField.text = r.from
        toField.text = r.to
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing * 2
        spacing: Theme.spacing * 2

        ColumnLayout {
            Layout.preferredWidth: Theme.reportListWidth
            Layout.maximumWidth: Theme.reportListWidth
            Layout.fillHeight: true
            spacing: Theme.spacing

            Label { text: qsTr("Records and reports"); font.pixelSize: Theme.fontTitle; color: Theme.text }
            ListView {
                id: kinds
                objectName: "reportKinds"
                model: reports.kinds
                clip: true
                spacing: Theme.spacingTight
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: Theme.reportListMinHeight
                delegate: ItemDelegate {
                    required property var modelData
                    objectName: "report_" + modelData.id
                    width: ListView.view.width
                    highlighted: page.chosen === modelData.id
                    Accessible.name: modelData.title
                    onClicked: page.chosen = modelData.id
                    background: Rectangle {
                        color: parent.highlighted ? Theme.selectionAlt : Theme.surface
                        border.color: Theme.border
                        radius: Theme.radius
                    }
                    contentItem: ColumnLayout {
                        spacing: Theme.spacingLine
                        Label { text: modelData.title; font.pixelSize: Theme.fontBody; font.bold: true; Layout.fillWidth: true }
                        Label { text: modelData.description; font.pixelSize: Theme.fontLabel; color: Theme.textMuted; wrapMode: Text.Wrap; Layout.fillWidth: true }
                    }
                }
            }
            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true
                FormField { id: fromField; objectName: "reportFrom"; label: qsTr("From (YYYY-MM-DD)"); Layout.preferredWidth: Theme.reportDateWidth }
                FormField { id: toField; objectName: "reportTo"; label: qsTr("To (YYYY-MM-DD)"); Layout.preferredWidth: Theme.reportDateWidth }
            }
            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true
                TouchButton {
                    objectName: "makeReportButton"
                    text: qsTr("Make report")
                    enabled: !reports.busy
                    Layout.fillWidth: true
                    onClicked: reports.make(page.chosen, fromField.text, toField.text)
                }
                TouchButton {
                    objectName: "stopReportButton"
                    text: qsTr("Stop")
                    visible: reports.busy
                    onClicked: reports.stop()
                }
                TouchButton {
                    objectName: "reportsBack"
                    text: qsTr("Back")
                    enabled: !reports.busy
                    onClicked: page.stack.pop()
                }
            }
            ProgressBar {
                objectName: "reportProgress"
                visible: reports.busy
                value: reports.progress
                Layout.fillWidth: true
            }
            Label {
                objectName: "reportMessage"
                text: reports.message
                visible: text.length > 0
                color: reports.failed ? Theme.bad : Theme.text
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontLabel
                Layout.fillWidth: true
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: Theme.previewBackground
            border.color: Theme.border
            PdfDocument {
                id: pdf
                source: reports.pdfUrl
            }
            PdfMultiPageView {
                id: preview
                objectName: "reportPreview"
                anchors.fill: parent
                anchors.margins: Theme.borderWidth
                visible: reports.pdfPath.length > 0 && !reports.busy
                document: pdf
            }
            Label {
                anchors.centerIn: parent
                width: parent.width - Theme.spacing * 4
                visible: !preview.visible
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: reports.busy ? qsTr("Making the report\u2026 %1%").arg(Math.round(reports.progress * 100))
                                   : qsTr("The report appears here, page by page, as it will print. It is saved as PDF and CSV in %1.").arg(reports.folder)
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }
            Label {
                objectName: "reportPages"
                visible: preview.visible
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.margins: Theme.spacing
                text: pdf.pageCount === 1 ? qsTr("1 page") : qsTr("%1 pages").arg(pdf.pageCount)
                font.pixelSize: Theme.fontLabel
                color: Theme.textMuted
            }
        }
    }
}
