import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// The discrepancy queue: by status (open and in review first), sorted by age or by size, with the products whose
// reconciliation is overdue beside it. Choosing one opens its explanation.
RowLayout {
    id: queue
    objectName: "discrepancyQueue"
    property var stack
    property string status: "active"
    property string sort: "age"
    property var rows: []
    property var overdueRows: []
    property var countedRows: []    // counted today, each product's last count: matched or not
    spacing: Theme.spacing * 2

    function reload() {
        rows = review.queue(status, sort)
        overdueRows = review.overdue()
        countedRows = review.countedToday()
    }
    onStatusChanged: reload()
    onSortChanged: reload()
    Component.onCompleted: reload()

    readonly property QtObject review: ReviewController
    // Every commit, this app's or another process's: ReviewController.changed.
    Connections { target: ReviewController; function onChanged() { queue.reload() } }
    // Back from a discrepancy's page: what was done there shows here.
    Connections {
        target: queue.stack
        function onCurrentItemChanged() { if (queue.stack.currentItem && queue.stack.currentItem.objectName === "supervisorPage") queue.reload() }
    }

    ColumnLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        spacing: Theme.spacing
        RowLayout {
            spacing: Theme.spacingSmall
            Layout.fillWidth: true
            Repeater {
                model: [{ id: "active", text: qsTr("Open and in review") }, { id: "open", text: qsTr("Open") },
                        { id: "in_review", text: qsTr("In review") }, { id: "resolved", text: qsTr("Resolved") },
                        { id: "escalated", text: qsTr("Escalated") }, { id: "all", text: qsTr("All") }]
                delegate: TouchButton {
                    required property var modelData
                    objectName: "filter_" + modelData.id
                    text: modelData.text
                    highlighted: queue.status === modelData.id
                    onClicked: queue.status = modelData.id
                }
            }
        }
        RowLayout {
            spacing: Theme.spacing
            Label { text: qsTr("Sort"); font.pixelSize: Theme.fontLabel; color: Theme.textMuted }
            TouchButton { objectName: "sortAge"; text: qsTr("Oldest first"); highlighted: queue.sort === "age"; onClicked: queue.sort = "age" }
            TouchButton { objectName: "sortSize"; text: qsTr("Largest difference first"); highlighted: queue.sort === "size"; onClicked: queue.sort = "size" }
            Item { Layout.fillWidth: true }
            Label {
                objectName: "queueCount"
                text: queue.rows.length === 1 ? qsTr("1 discrepancy") : qsTr("%1 discrepancies").arg(queue.rows.length)
                font.pixelSize: Theme.fontLabel
                color: Theme.textMuted
            }
        }
        ListView {
            id: list
            objectName: "discrepancyList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.spacingRow
            model: queue.rows
            delegate: ItemDelegate {
                id: row
                required property var modelData
                objectName: "discrepancy_" + modelData.id
                width: ListView.view.width
                Accessible.name: qsTr("Discrepancy %1, %2, %3").arg(modelData.id).arg(modelData.product).arg(modelData.statusText)
                onClicked: queue.stack.push(detailPage, { stack: queue.stack, discrepancyId: modelData.id })
                background: Rectangle { color: row.down ? Theme.selection : Theme.surface; border.color: Theme.border; radius: Theme.radius }
                contentItem: RowLayout {
                    spacing: Theme.spacing
                    ColumnLayout {
                        spacing: Theme.spacingLine
                        Layout.fillWidth: true
                        Label { text: row.modelData.product; font.pixelSize: Theme.fontBody; font.bold: true; elide: Text.ElideRight; Layout.fillWidth: true }
                        Label {
                            text: qsTr("No. %1 \u00B7 NDC %2 \u00B7 from %3 by %4, %5").arg(row.modelData.id).arg(row.modelData.ndc)
                                  .arg(row.modelData.source).arg(row.modelData.openedBy).arg(row.modelData.openedAt)
                            font.pixelSize: Theme.fontLabel; color: Theme.textMuted; elide: Text.ElideRight; Layout.fillWidth: true
                        }
                    }
                    ColumnLayout {
                        spacing: Theme.spacingLine
                        Label {
                            Layout.alignment: Qt.AlignRight
                            text: (row.modelData.difference > 0 ? "+" : "") + Counter.quantityText(row.modelData.difference, row.modelData.unit)
                            font.pixelSize: Theme.fontBody; font.bold: true
                            color: row.modelData.difference < 0 ? Theme.bad : Theme.text
                        }
                        Label {
                            Layout.alignment: Qt.AlignRight
                            text: qsTr("expected %1, counted %2").arg(row.modelData.expected).arg(row.modelData.counted)
                            font.pixelSize: Theme.fontLabel; color: Theme.textMuted
                        }
                    }
                    ColumnLayout {
                        spacing: Theme.spacingLine
                        Layout.preferredWidth: Theme.queueStatusWidth
                        Label { text: row.modelData.statusText; font.pixelSize: Theme.fontLabel; font.bold: true; wrapMode: Text.Wrap; Layout.fillWidth: true
                                color: row.modelData.status === "open" ? Theme.bad : row.modelData.status === "in_review" ? Theme.warning : Theme.good }
                        Label { text: row.modelData.ageDays === 0 ? qsTr("today") : row.modelData.ageDays === 1 ? qsTr("1 day old") : qsTr("%1 days old").arg(row.modelData.ageDays)
                                font.pixelSize: Theme.fontLabel; color: Theme.textMuted }
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: queue.status === "active" ? qsTr("No discrepancy is waiting for review.") : qsTr("None with this status.")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }
        }
    }

    Rectangle {
        objectName: "overduePanel"
        Layout.preferredWidth: Theme.overdueWidth
        Layout.fillHeight: true
        color: Theme.surface
        border.color: Theme.border
        radius: Theme.radius
        ColumnLayout {
            anchors.fill: parent
            anchors.margins: Theme.spacing
            spacing: Theme.spacingSmall
            // The heading names all the panel lists: the counts overdue and those made today.
            Label { objectName: "overdueHeading"; text: qsTr("Reconciliation counts"); font.pixelSize: Theme.fontBody; font.bold: true }
            Label {
                objectName: "overdueSummary"
                text: queue.overdueRows.length === 0 ? qsTr("Every product was counted within the pharmacy's cadence.")
                      : queue.overdueRows.length === 1 ? qsTr("1 product has no matching count within the cadence.")
                      : qsTr("%1 products have no matching count within the cadence.").arg(queue.overdueRows.length)
                wrapMode: Text.Wrap; font.pixelSize: Theme.fontLabel; color: Theme.textMuted; Layout.fillWidth: true
            }
            Label {
                objectName: "countedTodaySummary"
                visible: queue.countedRows.length > 0
                text: qsTr("Counted today: %1").arg(queue.countedRows.map(r => r.product + " (NDC " + r.ndc + ", "
                                                                           + (r.matched ? qsTr("matched") : qsTr("differed")) + ")").join("; "))
                wrapMode: Text.Wrap; font.pixelSize: Theme.fontLabel; color: Theme.text; Layout.fillWidth: true
            }
            ListView {
                objectName: "overdueList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: Theme.spacingTight
                model: queue.overdueRows
                delegate: ColumnLayout {
                    required property var modelData
                    width: ListView.view.width
                    spacing: 0
                    Label { text: modelData.product; font.pixelSize: Theme.fontLabel; font.bold: true; elide: Text.ElideRight; Layout.fillWidth: true }
                    Label { text: qsTr("NDC %1").arg(modelData.ndc); font.pixelSize: Theme.fontLabel; color: Theme.textMuted }
                    Label { text: modelData.daysSince < 0 ? qsTr("never counted (stocked since %1)").arg(modelData.since)
                                                          : qsTr("last matching count %1 (%2 days ago)").arg(modelData.lastMatching).arg(modelData.daysSince)
                            font.pixelSize: Theme.fontLabel; color: Theme.bad; wrapMode: Text.Wrap; Layout.fillWidth: true }
                }
            }
        }
    }

    Component { id: detailPage; DiscrepancyPage {} }
}
