import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components
import "ScanInput.js" as ScanInput

// A blind count of a shelf list: the products the dashboard listed (its search narrows them to a shelf), each
// counted without its expected balance shown. A blank line is not counted. Scanning a bottle jumps to its line.
// Save reads the counts back; "Record them" records every count in one transaction; the answer says which
// counts opened discrepancies, and for whom.
Page {
    id: page
    objectName: "shelfCountPage"
    required property StackView stack
    required property var products            // [{ndc11, name, strength, ndc, baseUnit}], fixed when opened
    property var counts: ({})                  // ndc11 -> the text typed (delegates are reused as the list scrolls)
    property string message: ""
    property string notice: ""
    property var askedAgain: ({})              // ndc11 -> true: "Count again?" was asked once for it
    readonly property bool takesScans: true
    background: Rectangle { color: Theme.background }

    function plural(n, one, many) { return n === 1 ? one : many.arg(n) }
    function countedRows() {
        const rows = []
        for (const p of page.products) {
            const t = (page.counts[p.ndc11] || "").trim()
            if (t.length > 0)
                rows.push({ ndc11: p.ndc11, name: p.name + " " + p.strength, counted: t, unit: p.baseUnit })
        }
        return rows
    }
    function submit() {
        page.message = ""
        page.notice = ""
        const rows = page.countedRows()
        if (rows.some(r => !/^[0-9]+$/.test(r.counted))) {
            page.message = qsTr("Correct the counts marked in red first.")
            return
        }
        if (rows.length === 0) {
            page.message = qsTr("Enter at least one count (0 when the shelf is empty).")
            return
        }
        summary.rows = rows
        summary.open()
    }
    function record() {
        summary.close()
        // A count that differs from the records is asked once to be counted again, before it opens a discrepancy.
        const again = Counter.countsDiffering(summary.rows).filter(n => !page.askedAgain[n])
        if (again.length > 0) {
            for (const n of again)
                page.askedAgain[n] = true
            countAgain.rows = summary.rows.filter(r => again.indexOf(r.ndc11) >= 0)
            countAgain.open()
            return
        }
        page.recordNow()
    }
    function recordNow() {
        countAgain.close()
        const r = Counter.countShelf(summary.rows)
        if (r.ok)
            page.stack.pop()
        else
            page.message = r.message
    }

    // Leaving with counts typed asks first; nothing typed: leaves at once.
    function leave() {
        if (page.countedRows().length > 0)
            discard.open()
        else
            page.stack.pop()
    }
    DiscardDialog {
        id: discard
        question: qsTr("Discard this shelf count?")
        onDiscarded: page.stack.pop()
    }
    Keys.onEscapePressed: page.leave()
    Keys.onReturnPressed: page.submit()
    Keys.onEnterPressed: page.submit()

    Connections {
        target: Counter
        function onScanned(r) {
            if (page.stack.currentItem !== page)
                return
            ScanInput.takeBack(page.Window.activeFocusItem, r.code)
            page.notice = ""
            page.message = ""
            const i = r.found ? page.products.findIndex(p => p.ndc11 === r.ndc11) : -1
            if (!r.found)
                page.message = r.message
            else if (i < 0)
                page.message = qsTr("%1 is not on this shelf list. Count it on its own from the dashboard.").arg(r.name)
            else {
                list.positionViewAtIndex(i, ListView.Contain)
                list.currentIndex = i
                if (list.currentItem)
                    list.currentItem.focusCount()
                page.notice = qsTr("Scanned %1: type its count.").arg(r.name)
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing * 2
        spacing: Theme.spacing
        Label {
            text: qsTr("Shelf count \u00B7 %1").arg(page.plural(page.products.length, qsTr("1 product"), qsTr("%1 products")))
            font.pixelSize: Theme.fontTitle
            Layout.fillWidth: true
        }
        Label {
            text: qsTr("Count what is on the shelf; the records' balance is not shown. Leave a line blank to skip it.")
            color: Theme.textMuted
            font.pixelSize: Theme.fontLabel
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: Theme.spacing * 2
            Layout.fillWidth: true
            Layout.fillHeight: true
            ListView {
                id: list
                objectName: "shelfList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: Theme.spacingRow
                model: page.products
                currentIndex: -1
                highlightFollowsCurrentItem: false
                delegate: Rectangle {
                    id: row
                    required property var modelData
                    required property int index
                    function focusCount() { field.input.forceActiveFocus() }
                    width: ListView.view.width
                    height: Math.max(Theme.touchTarget + Theme.rowPadding, field.implicitHeight + Theme.rowPadding)
                    color: ListView.isCurrentItem ? Theme.selection : Theme.surface
                    border.color: Theme.border
                    radius: Theme.radius
                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: Theme.spacing
                        anchors.rightMargin: Theme.spacing
                        spacing: Theme.spacing
                        ColumnLayout {
                            spacing: Theme.spacingLine
                            Layout.fillWidth: true
                            Label { text: row.modelData.name + "  " + row.modelData.strength; font.pixelSize: Theme.fontBody; elide: Text.ElideRight; Layout.fillWidth: true }
                            Label { text: "NDC " + row.modelData.ndc; font.pixelSize: Theme.fontLabel; color: Theme.textMuted }
                        }
                        FormField {
                            id: field
                            objectName: "shelfCount_" + row.modelData.ndc11
                            label: qsTr("Count (%1)").arg(Counter.unitsName(row.modelData.baseUnit))
                            numeric: true
                            text: page.counts[row.modelData.ndc11] || ""
                            input.onTextChanged: page.counts[row.modelData.ndc11] = input.text
                            input.onActiveFocusChanged: if (input.activeFocus) list.currentIndex = row.index
                            onAccepted: page.submit()
                            Layout.preferredWidth: Theme.countFieldWidth
                            Layout.fillWidth: false
                        }
                    }
                }
            }
            NumericKeypad {
                objectName: "shelfKeypad"
                Layout.alignment: Qt.AlignTop
            }
        }
        Label {
            objectName: "shelfNotice"
            visible: page.notice.length > 0
            text: page.notice
            color: Theme.good
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "shelfMessage"
            visible: page.message.length > 0
            text: page.message
            color: Theme.bad
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: Theme.spacing
            TouchButton { objectName: "shelfSaveButton"; text: qsTr("Save"); highlighted: true; onClicked: page.submit() }
            TouchButton { objectName: "shelfCancelButton"; text: qsTr("Cancel"); onClicked: page.leave() }
        }
    }

    // Asked once when a count differs from the records: counting again (blind: the fields are emptied) or recording as
    // counted, which opens a discrepancy for the pharmacist-in-charge.
    function countAgainNow() {
        countAgain.close()
        const cleared = Object.assign({}, page.counts)
        for (const r of countAgain.rows)
            cleared[r.ndc11] = ""
        page.counts = cleared
        const i = page.products.findIndex(p => p.ndc11 === countAgain.rows[0].ndc11)
        list.positionViewAtIndex(i, ListView.Contain)
        list.currentIndex = i
        if (list.currentItem)
            list.currentItem.focusCount()
        page.notice = countAgain.rows.length === 1 ? qsTr("Count %1 again and type what the shelf holds.").arg(countAgain.rows[0].name)
                                                   : qsTr("Count these %1 again: %2.").arg(countAgain.rows.length).arg(countAgain.rows.map(r => r.name).join(", "))
    }
    Dialog {
        id: countAgain
        objectName: "countAgainDialog"
        property var rows: []
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(page.width - Theme.spacing * 4, Theme.dialogWidth)
        title: qsTr("Count again?")
        enter: Transition {}
        exit: Transition {}
        ColumnLayout {
            objectName: "countAgainContent"
            anchors.fill: parent
            spacing: Theme.spacing
            focus: true
            Keys.onReturnPressed: page.countAgainNow()
            Keys.onEnterPressed: page.countAgainNow()
            Keys.onEscapePressed: page.countAgainNow()
            Label {
                objectName: "countAgainText"
                text: (countAgain.rows.length === 1 ? qsTr("The count of %1 does not match the records.").arg(countAgain.rows.length ? countAgain.rows[0].name : "")
                                                    : qsTr("%1 counts do not match the records: %2.").arg(countAgain.rows.length).arg(countAgain.rows.map(r => r.name).join(", ")))
                      + " " + qsTr("Count again before recording? Recorded as it is, a difference opens a discrepancy for the pharmacist-in-charge.")
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: Theme.spacing
                TouchButton { objectName: "countAgainButton"; text: qsTr("Count again"); highlighted: true; onClicked: page.countAgainNow() }
                TouchButton { objectName: "recordAsCountedButton"; text: qsTr("Record as counted"); onClicked: page.recordNow() }
            }
        }
    }

    // The counts read back before they are recorded; a count, once recorded, is corrected by a new count.
    Dialog {
        id: summary
        objectName: "shelfSummary"
        property var rows: []
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(page.width - Theme.spacing * 4, Theme.dialogWidth)
        height: Math.min(page.height - Theme.spacing * 4, implicitHeight)
        title: page.plural(rows.length, qsTr("Record this count?"), qsTr("Record these %1 counts?"))
        enter: Transition {}
        exit: Transition {}
        ColumnLayout {
            objectName: "shelfSummaryContent"
            anchors.fill: parent
            spacing: Theme.spacing
            focus: true
            Keys.onReturnPressed: page.record()
            Keys.onEnterPressed: page.record()
            Keys.onEscapePressed: summary.close()
            ScrollView {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: summaryRows.implicitHeight
                clip: true
                ColumnLayout {
                    id: summaryRows
                    spacing: Theme.spacingRow
                    Repeater {
                        model: summary.rows
                        delegate: InfoRow {
                            required property var modelData
                            label: modelData.name
                            value: Counter.quantityText(Number(modelData.counted), modelData.unit)
                            Layout.fillWidth: true
                        }
                    }
                }
            }
            Label {
                text: page.plural(page.products.length - summary.rows.length, qsTr("1 product on the list left uncounted."),
                                 qsTr("%1 products on the list left uncounted."))
                visible: page.products.length > summary.rows.length
                color: Theme.textMuted
                font.pixelSize: Theme.fontLabel
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: Theme.spacing
                TouchButton { objectName: "shelfConfirmButton"; text: qsTr("Record them"); highlighted: true; onClicked: page.record() }
                TouchButton { objectName: "shelfBackButton"; text: qsTr("Back"); onClicked: summary.close() }
            }
        }
    }
}
