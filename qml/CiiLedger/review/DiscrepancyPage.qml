import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// One discrepancy explained: what the records expected, what was counted, the difference, and every entry since
// the last count that matched the records (who, what, when, the reference), with the notes. A pharmacist takes it
// into review; the pharmacist-in-charge resolves it with a reason and a note, or escalates a shortage to a theft or
// loss, signing with their PIN (ResolveDialog). A technician sees all of it and is told who acts.
Page {
    id: page
    objectName: "discrepancyPage"
    property var stack
    property var discrepancyId: 0
    property var d: ({})
    property string message: ""
    readonly property bool active: d.status === "open" || d.status === "in_review"
    background: Rectangle { color: Theme.background }
    Keys.onEscapePressed: stack.pop()

    function reload() { d = review.detail(discrepancyId) }
    Component.onCompleted: reload()
    readonly property QtObject review: ReviewController
    Connections { target: ReviewController; function onChanged() { page.reload() } }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing * 2
        spacing: Theme.spacing

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true
            Layout.fillHeight: false
            Label {
                objectName: "discrepancyTitle"
                text: qsTr("Discrepancy %1 \u00B7 %2").arg(page.discrepancyId).arg(page.d.product || "")
                font.pixelSize: Theme.fontTitle
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                objectName: "discrepancyStatus"
                text: page.d.statusText || ""
                font.pixelSize: Theme.fontBody
                font.bold: true
                color: page.d.status === "open" ? Theme.bad : page.d.status === "in_review" ? Theme.warning : Theme.good
            }
            TouchButton { objectName: "discrepancyBack"; text: qsTr("Back"); onClicked: page.stack.pop() }
        }

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true
            Layout.fillHeight: false
            Repeater {
                model: [{ name: "expected", label: qsTr("The records expected"), value: page.d.expected },
                        { name: "counted", label: qsTr("Counted"), value: page.d.counted },
                        { name: "difference", label: qsTr("Difference"), value: page.d.difference }]
                delegate: Rectangle {
                    required property var modelData
                    objectName: "figure_" + modelData.name
                    Layout.fillWidth: true
                    implicitHeight: Theme.figureHeight
                    color: Theme.surface
                    border.color: modelData.name === "difference" ? (page.d.difference < 0 ? Theme.bad : Theme.accent) : Theme.border
                    radius: Theme.radius
                    Column {
                        anchors.centerIn: parent
                        Label { anchors.horizontalCenter: parent.horizontalCenter; text: modelData.label; font.pixelSize: Theme.fontLabel; color: Theme.textMuted }
                        Label {
                            objectName: "figureValue_" + modelData.name
                            anchors.horizontalCenter: parent.horizontalCenter
                            text: (modelData.name === "difference" && modelData.value > 0 ? "+" : "") + Counter.quantityText(Number(modelData.value), page.d.unit || "")
                            font.pixelSize: Theme.fontTitle
                            font.bold: modelData.name === "difference"
                            color: modelData.name === "difference" && modelData.value < 0 ? Theme.bad : Theme.text
                        }
                    }
                }
            }
        }
        Label {
            text: qsTr("Opened by %1 from %2 on %3. NDC %4. %5").arg(page.d.openedBy).arg(page.d.source).arg(page.d.openedAt).arg(page.d.ndc).arg(page.d.sinceText)
            font.pixelSize: Theme.fontLabel
            color: Theme.textMuted
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        // Every entry since the last matching count, the count that opened it last.
        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: Theme.surface
            border.color: Theme.border
            radius: Theme.radius
            ColumnLayout {
                anchors.fill: parent
                anchors.margins: Theme.spacingSmall
                spacing: 0
                RowLayout {
                    spacing: Theme.spacing
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.spacingSmall
                    Repeater {
                        model: [[qsTr("When"), Theme.discrepancyColumns[0]], [qsTr("Who"), Theme.discrepancyColumns[1]], [qsTr("What"), Theme.discrepancyColumns[2]],
                                [qsTr("Quantity"), Theme.discrepancyColumns[3]], [qsTr("Balance after"), Theme.discrepancyColumns[4]], [qsTr("Reference"), -1]]
                        delegate: Label {
                            required property var modelData
                            text: modelData[0]; font.pixelSize: Theme.fontLabel; font.bold: true; color: Theme.textMuted
                            Layout.preferredWidth: modelData[1] > 0 ? modelData[1] : -1
                            Layout.fillWidth: modelData[1] < 0
                        }
                    }
                }
                ListView {
                    id: entries
                    objectName: "discrepancyEntries"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: page.d.entries || []
                    ScrollBar.vertical: ScrollBar {}
                    delegate: Rectangle {
                        required property var modelData
                        required property int index
                        width: ListView.view.width
                        height: Theme.tableRowHeight
                        color: modelData.opening ? Theme.badTint : index % 2 ? Theme.surfaceAlt : Theme.surface
                        RowLayout {
                            anchors.fill: parent
                            anchors.leftMargin: Theme.spacingSmall
                            spacing: Theme.spacing
                            Label { text: modelData.when; font.pixelSize: Theme.fontLabel; Layout.preferredWidth: Theme.discrepancyColumns[0] }
                            Label { text: modelData.who; font.pixelSize: Theme.fontLabel; elide: Text.ElideRight; Layout.preferredWidth: Theme.discrepancyColumns[1] }
                            Label { text: modelData.what + (modelData.voided ? qsTr(" (voided)") : ""); font.pixelSize: Theme.fontLabel; font.bold: modelData.opening; Layout.preferredWidth: Theme.discrepancyColumns[2] }
                            Label { text: (modelData.delta > 0 ? "+" : "") + modelData.delta; font.pixelSize: Theme.fontLabel; Layout.preferredWidth: Theme.discrepancyColumns[3] }
                            Label { text: modelData.balanceAfter; font.pixelSize: Theme.fontLabel; Layout.preferredWidth: Theme.discrepancyColumns[4] }
                            Label { text: modelData.reference; font.pixelSize: Theme.fontLabel; elide: Text.ElideRight; Layout.fillWidth: true }
                        }
                    }
                }
            }
        }

        ColumnLayout {
            spacing: Theme.spacingTight
            Layout.fillWidth: true
            Layout.fillHeight: false
            InfoRow { objectName: "reviewNote"; visible: (page.d.reviewNote || "").length > 0; label: qsTr("Review note"); value: page.d.reviewNote || "" }
            InfoRow { objectName: "resolution"; visible: (page.d.reasonText || "").length > 0; label: qsTr("Resolution")
                      value: qsTr("%1, by %2 on %3").arg(page.d.reasonText).arg(page.d.resolvedBy).arg(page.d.resolvedAt) }
            InfoRow { objectName: "resolutionNote"; visible: (page.d.note || "").length > 0; label: qsTr("Note"); value: page.d.note || "" }
        }

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true
            Layout.fillHeight: false
            visible: page.active
            FormField {
                id: reviewNote
                objectName: "reviewNoteField"
                visible: page.d.status === "open" && review.canReview
                label: qsTr("What you are looking into (a note)")
                Layout.fillWidth: true
            }
            TouchButton {
                objectName: "startReviewButton"
                visible: page.d.status === "open" && review.canReview
                text: qsTr("Start review")
                Layout.alignment: Qt.AlignBottom
                onClicked: {
                    const r = review.startReview(page.discrepancyId, reviewNote.text)
                    page.message = r.ok ? "" : r.message
                }
            }
            TouchButton {
                objectName: "resolveButton"
                visible: review.canResolve
                text: qsTr("Resolve\u2026")
                highlighted: true
                Layout.alignment: Qt.AlignBottom
                onClicked: { resolveDialog.escalate = false; resolveDialog.open() }
            }
            TouchButton {
                objectName: "escalateButton"
                visible: review.canResolve && page.d.difference < 0
                text: qsTr("Escalate to theft or loss\u2026")
                Layout.alignment: Qt.AlignBottom
                onClicked: { resolveDialog.escalate = true; resolveDialog.open() }
            }
            Label {
                objectName: "whoResolves"
                visible: !review.canResolve
                text: qsTr("The pharmacist-in-charge resolves discrepancies and signs with their PIN.")
                font.pixelSize: Theme.fontLabel
                color: Theme.textMuted
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignBottom
            }
        }
        TouchButton {
            objectName: "openWorksheetButton"
            visible: page.d.theftLossId > 0
            text: qsTr("Open the Form 106 worksheet")
            onClicked: { page.stack.pop(); if (page.stack.currentItem.showLoss) page.stack.currentItem.showLoss(page.d.theftLossId) }
        }
        Label {
            objectName: "discrepancyMessage"
            visible: page.message.length > 0
            text: page.message
            color: Theme.bad
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontBody
            Layout.fillWidth: true
        }
    }

    ResolveDialog {
        id: resolveDialog
        review: ReviewController
        discrepancy: page.d
        // Escalated: on to its Form 106 worksheet.
        onSignedOff: (r) => {
            if (!r.theftLossId)
                return
            const s = page.stack
            s.pop()
            if (s.currentItem && s.currentItem.showLoss)
                s.currentItem.showLoss(r.theftLossId)
        }
    }
}
