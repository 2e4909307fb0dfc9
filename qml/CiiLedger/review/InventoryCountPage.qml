import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components
import "../counter/ScanInput.js" as ScanInput

// A guided count of every active CII product (and any other holding stock), blind: a reconciliation, or the biennial or annual inventory. Scanning
// a bottle jumps to its line. When every line has a count, the summary is read back and the pharmacist-in-charge
// signs with their PIN; the Ledger records it as one event and opens a discrepancy for each difference.
Page {
    id: page
    objectName: "inventoryCountPage"
    required property StackView stack
    property string type: "reconciliation"
    property var products: []
    property var counts: ({})          // ndc11 -> the text typed (delegates are reused as the list scrolls)
    property int countedCount: 0
    property string message: ""
    property string notice: ""
    readonly property bool takesScans: true
    readonly property string countTitle: type === "biennial" ? qsTr("Biennial inventory") : type === "annual" ? qsTr("Annual inventory") : qsTr("Reconciliation")
    background: Rectangle { color: Theme.background }

    readonly property QtObject inventory: InventoryController
    Component.onCompleted: {
        products = inventory.products()
        firstCounter.choose(Counter.personId) // set, not bound: it must not follow the sign-out of a lock
        // A count left when the screen locked (the lock replaces these pages) goes on where it was.
        const kept = inventory.draft(type)
        if (kept.counted > 0) {
            counts = kept.counts
            date.text = kept.date
            firstCounter.choose(kept.firstCounter || Counter.personId) // who, never their PINs
            secondCounter.choose(kept.secondCounter || "")
            timing.box.currentIndex = Math.max(0, timing.values.indexOf(kept.timing))
            recount()
            notice = kept.counted === 1 ? qsTr("The count typed before was kept: go on where you left off.")
                                        : qsTr("The %1 counts typed before were kept: go on where you left off.").arg(kept.counted)
        }
        ready = true
    }
    property bool ready: false // until the page is built and a kept count restored, nothing is kept over it
    function keep() {
        if (ready && Counter.signedIn) // not while the lock takes the page down
            inventory.keepDraft({ type: page.type, counts: page.counts, timing: timing.value, date: date.text,
                                  firstCounter: firstCounter.personId, secondCounter: secondCounter.personId })
    }

    function recount() {
        let n = 0
        for (const p of products)
            if ((counts[p.ndc11] || "").trim().length > 0)
                n++
        countedCount = n
        keep()
    }
    function rows() {
        return products.map(p => ({ ndc11: p.ndc11, label: p.name + " " + p.strength, counted: (counts[p.ndc11] || "").trim(), unit: p.baseUnit }))
    }
    function submit() {
        message = ""
        const missing = products.findIndex(p => (counts[p.ndc11] || "").trim().length === 0)
        if (missing >= 0) {
            message = qsTr("%1 of %2 products counted. Count every product (0 when none is on the shelf): next is %3.")
                        .arg(countedCount).arg(products.length).arg(products[missing].name + " " + products[missing].strength)
            list.positionViewAtIndex(missing, ListView.Contain)
            list.currentIndex = missing
            if (list.currentItem)
                list.currentItem.focusCount()
            return
        }
        summary.rows = rows()
        summary.open()
    }
    // Who counted, each with the PIN they typed (none for the pharmacist-in-charge, who signs below).
    function counters() { return [firstCounter.signer(), secondCounter.signer()].filter(c => c !== null) }
    function sign(pin) {
        const others = counters().filter(c => c.personId !== Counter.personId && c.secret.length > 0)
        Counter.verifyThen([{ personId: Counter.personId, secret: pin }].concat(others), function() {
            const r = inventory.take(page.type, timing.value, date.text, page.counters(), summary.rows, pin)
            if (r.ok) {
                inventory.dropDraft(page.type)
                summary.close()
                page.stack.pop()
            } else {
                summary.message = r.message
            }
        })
    }

    // Leaving with counts typed asks first: nothing is recorded until it is signed, and a long count is work.
    function leave() {
        if (countedCount === 0)
            page.stack.pop()
        else
            leaveDialog.open()
    }
    Keys.onEscapePressed: page.leave()
    Connections {
        target: Counter
        function onScanned(r) {
            if (page.stack.currentItem !== page)
                return
            ScanInput.takeBack(page.Window.activeFocusItem, r.code)
            page.message = ""
            const i = r.found ? page.products.findIndex(p => p.ndc11 === r.ndc11) : -1
            if (!r.found)
                page.message = r.message
            else if (i < 0)
                page.message = qsTr("%1 is not an active CII product here.").arg(r.name)
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
        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true
            Label { text: page.countTitle; font.pixelSize: Theme.fontTitle; Layout.fillWidth: true }
            Label {
                objectName: "inventoryProgress"
                text: qsTr("%1 of %2 counted").arg(page.countedCount).arg(page.products.length)
                font.pixelSize: Theme.fontBody
                color: page.countedCount === page.products.length ? Theme.good : Theme.textMuted
            }
        }
        ProgressBar { value: page.products.length ? page.countedCount / page.products.length : 0; Layout.fillWidth: true }
        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true
            ChoiceField { id: timing; objectName: "inventoryTiming"; label: qsTr("When"); values: ["opening", "closing"]
                          names: [qsTr("At the opening of business"), qsTr("At the close of business")]; onValueChanged: page.keep() }
            FormField { id: date; objectName: "inventoryDate"; label: qsTr("Date (YYYY-MM-DD)"); text: Counter.today()
                        check: (t) => Counter.fieldProblem("date", t); onTextChanged: page.keep() }
            CounterField { id: firstCounter; objectName: "inventoryCounter1"; label: qsTr("Counted by"); onPersonIdChanged: page.keep() }
            CounterField { id: secondCounter; objectName: "inventoryCounter2"; label: qsTr("And by"); optional: true; onPersonIdChanged: page.keep() }
        }
        RowLayout {
            spacing: Theme.spacing * 2
            Layout.fillWidth: true
            Layout.fillHeight: true
            ListView {
                id: list
                objectName: "inventoryList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: Theme.spacingRow
                model: page.products
                currentIndex: -1
                highlightFollowsCurrentItem: false
                ScrollBar.vertical: ScrollBar {}
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
                            objectName: "inventoryCount_" + row.modelData.ndc11
                            label: qsTr("Count (%1)").arg(Counter.unitsName(row.modelData.baseUnit))
                            numeric: true
                            text: page.counts[row.modelData.ndc11] || ""
                            input.onTextChanged: { page.counts[row.modelData.ndc11] = input.text; page.recount() }
                            input.onActiveFocusChanged: if (input.activeFocus) list.currentIndex = row.index
                            // Enter goes to the next line, as on a count sheet; Save at the end.
                            onAccepted: {
                                if (row.index + 1 < list.count) {
                                    list.currentIndex = row.index + 1
                                    list.positionViewAtIndex(row.index + 1, ListView.Contain)
                                    if (list.currentItem)
                                        list.currentItem.focusCount()
                                } else {
                                    page.submit()
                                }
                            }
                            Layout.preferredWidth: Theme.countFieldWidth
                            Layout.fillWidth: false
                        }
                    }
                }
            }
            NumericKeypad { objectName: "inventoryKeypad"; Layout.alignment: Qt.AlignTop }
        }
        Label {
            objectName: "inventoryNotice"
            visible: page.notice.length > 0 && page.message.length === 0
            text: page.notice
            color: Theme.good
            font.pixelSize: Theme.fontBody
            Layout.fillWidth: true
        }
        Label {
            objectName: "inventoryMessage"
            visible: page.message.length > 0
            text: page.message
            color: Theme.bad
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: Theme.spacing
            TouchButton { objectName: "inventorySaveButton"; text: qsTr("Save and sign"); highlighted: true; onClicked: page.submit() }
            TouchButton { objectName: "inventoryCancelButton"; text: qsTr("Cancel"); onClicked: page.leave() }
        }
    }

    Dialog {
        id: leaveDialog
        objectName: "inventoryLeaveDialog"
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(page.width - Theme.spacing * 4, Theme.dialogWidthNarrow)
        title: qsTr("Leave the count?")
        enter: Transition {}
        exit: Transition {}
        ColumnLayout {
            objectName: "inventoryLeaveContent"
            anchors.fill: parent
            spacing: Theme.spacing
            Label {
                text: page.countedCount === 1 ? qsTr("The 1 count typed is not recorded: nothing is, until the count is signed.")
                                              : qsTr("The %1 counts typed are not recorded: nothing is, until the count is signed.").arg(page.countedCount)
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: Theme.spacing
                TouchButton { objectName: "inventoryKeepCounting"; text: qsTr("Keep counting"); highlighted: true; onClicked: leaveDialog.close() }
                TouchButton { objectName: "inventoryDiscard"; text: qsTr("Leave without recording"); onClicked: { inventory.dropDraft(page.type); leaveDialog.close(); page.stack.pop() } }
            }
        }
    }

    // The counts read back, then signed by the pharmacist-in-charge.
    Dialog {
        id: summary
        objectName: "inventorySummary"
        property var rows: []
        property string message: ""
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(page.width - Theme.spacing * 4, Theme.inventorySignWidth)
        height: page.height - Theme.spacing * 4
        title: qsTr("Sign the %1 of %2 products?").arg(page.countTitle.toLowerCase()).arg(rows.length)
        enter: Transition {}
        exit: Transition {}
        onAboutToShow: message = ""
        RowLayout {
            objectName: "inventorySummaryContent"
            anchors.fill: parent
            spacing: Theme.spacing
            ListView {
                objectName: "inventorySummaryList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumWidth: Theme.inventoryListMinWidth
                clip: true
                spacing: Theme.spacingTight
                model: summary.rows
                ScrollBar.vertical: ScrollBar {}
                delegate: InfoRow { required property var modelData; width: ListView.view.width; label: modelData.label; value: Counter.quantityText(Number(modelData.counted), modelData.unit) }
            }
            ColumnLayout {
                spacing: Theme.spacing
                Layout.fillWidth: false
                Layout.preferredWidth: Theme.inventoryPinWidth
                Layout.maximumWidth: Theme.inventoryPinWidth
                Label {
                    text: qsTr("%1, %2. The pharmacist-in-charge's PIN to sign.").arg(date.text).arg(timing.box.currentText.toLowerCase())
                    wrapMode: Text.Wrap; font.pixelSize: Theme.fontLabel; color: Theme.textMuted; Layout.fillWidth: true
                }
                PinPad { objectName: "inventoryPinPad"; okText: qsTr("Sign"); onEntered: (pin) => page.sign(pin); Layout.alignment: Qt.AlignHCenter }
                Label {
                    objectName: "inventorySummaryMessage"
                    visible: summary.message.length > 0
                    text: summary.message
                    color: Theme.bad
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.fontLabel
                    Layout.fillWidth: true
                }
                TouchButton { objectName: "inventoryBackButton"; text: qsTr("Back to the count"); onClicked: summary.close() }
            }
        }
    }
}
