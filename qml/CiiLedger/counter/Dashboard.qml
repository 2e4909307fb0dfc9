import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// The CII products with their balances; search as you type by name or NDC; a scan (or a typed code and Enter)
// opens the product. Choosing a product offers its forms, those the signed-in person may record (the others greyed
// out, with why). The search has the keyboard when the dashboard shows. A save's confirmation floats over the foot
// of the list: nothing moves under a finger; the actions scroll when the window is too short for them.
Page {
    id: dash
    objectName: "dashboard"
    required property StackView stack
    property var selected: null
    property var scan: null      // the last scan's lot and expiry, to prefill a receipt
    property string banner: ""
    property bool bannerAttention: false
    property var lastSeq: 0       // the entry just recorded, when a person may correct it, and its product
    property string lastNdc: ""
    background: Rectangle { color: Theme.background }
    // The forms' buttons, by the action each records: greyed out when Counter.refusals names it.
    readonly property var offered: ["dispense", "receive", "count", "transfer", "waste", "destroy", "reportTheftLoss", "adjust"]
    readonly property bool someRefused: offered.some(k => Counter.refusals[k] !== undefined)
    function offers(action) { return Counter.refusals[action] === undefined }
    // The search has the keyboard, so a keyboard or a scanner works at once; not on a touch-only panel, where a
    // focused field raises the on-screen keyboard over the list.
    function focusSearch() {
        if (!Counter.touchKeyboard && dash.stack.currentItem === dash)
            search.input.forceActiveFocus()
    }
    StackView.onActivated: dash.focusSearch()
    // After sign-in: the search takes the keyboard, then the person's unfinished form, if any, opens again (its
    // first field takes the keyboard then).
    Component.onCompleted: Qt.callLater(function() { dash.focusSearch(); dash.resumeDraft() })

    Connections {
        target: Counter
        function onRecorded(message, attention, seq) {
            dash.banner = message
            dash.bannerAttention = attention
            dash.lastSeq = seq
            dash.lastNdc = dash.selected ? dash.selected.ndc11 : ""
        }
        // A scan opens the product, whatever has the focus: here, or over the product ledger (back to here).
        // An open form takes the scan itself (FormPage).
        function onScanned(r) {
            const top = dash.stack.currentItem
            if (top !== dash && top.takesScans === true)
                return
            if (top !== dash)
                dash.stack.pop(null, StackView.Immediate)
            dash.showScan(r)
        }
    }

    function showScan(r) {
        if (r.found) {
            search.text = r.ndc11 // the scan's raw characters mean nothing to a person; the NDC does
            Counter.products.filter(r.ndc11)
            dash.selected = Counter.products.get(0)
            dash.scan = { lot: r.lot, expiry: r.expiry }
            search.problem = ""
        } else {
            search.problem = r.message
        }
    }

    // The products listed now (the search narrows them to a shelf), without their balances: a blind count.
    function openShelfCount() {
        const products = []
        for (let i = 0; i < Counter.products.count; ++i) {
            const p = Counter.products.get(i)
            products.push({ ndc11: p.ndc11, name: p.name, strength: p.strength, ndc: p.ndc, baseUnit: p.baseUnit })
        }
        dash.banner = ""
        stack.push(shelfCountPage, { stack: dash.stack, products: products })
    }

    function open(form, extra) {
        const props = { product: dash.selected, stack: dash.stack }
        for (const k in extra || {})
            props[k] = extra[k]
        dash.banner = ""
        dash.lastSeq = 0
        stack.push(form, props)
    }

    // After signing in (after the idle lock, or a restart), the person's latest unfinished form opens again as they
    // left it; the form says so (FormPage's draft line). Their other drafts come back when their form is opened.
    function resumeDraft() {
        const d = Counter.draftToResume()
        const forms = { dispenseForm: dispenseForm, receiveForm: receiveForm, countForm: countForm, movementForm: movementForm,
                        wasteForm: wasteForm, destroyForm: destroyForm, theftLossForm: theftLossForm, adjustForm: adjustForm }
        if (!d.found || !(d.form in forms) || dash.stack.currentItem !== dash)
            return
        Counter.products.filter(d.ndc11)
        const p = Counter.products.count > 0 ? Counter.products.get(0) : null
        if (!p || p.ndc11 !== d.ndc11) { // no longer in the catalog: nothing to open it on
            Counter.products.filter("")
            return
        }
        search.text = d.ndc11
        dash.selected = p
        dash.open(forms[d.form])
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing * 2
        spacing: Theme.spacing

        // The search over the list, the due dates and fills to verify over the actions: a button appearing there
        // leaves the search (and the list under it) as wide as it was.
        RowLayout {
            spacing: Theme.spacing * 2
            FormField {
                id: search
                objectName: "search"
                label: qsTr("Search by name or NDC, or scan a barcode")
                placeholder: qsTr("oxy, 0574-4072 ...")
                Layout.fillWidth: true
                input.onTextEdited: Counter.products.filter(text)
                onAccepted: {
                    // Enter on typed text: a code (NDC, UPC) opens its product; a name keeps the list as filtered.
                    const r = Counter.lookup(text)
                    if (r.found || Counter.products.count === 0)
                        dash.showScan(r)
                }
            }
            RowLayout {
                spacing: Theme.spacingSmall
                Layout.preferredWidth: Theme.actionsWidth
                Layout.maximumWidth: Theme.actionsWidth
                Layout.alignment: Qt.AlignVCenter
                // Dates the pharmacist-in-charge should not have to remember: overdue, or due within 60 days.
                TouchButton {
                    objectName: "dueButton"
                    visible: Counter.dueSoon.length > 0
                    text: Counter.dueSoon.length === 1 ? qsTr("1 due date") : qsTr("%1 due dates").arg(Counter.dueSoon.length)
                    Accessible.description: qsTr("Overdue, or due within 60 days")
                    Layout.fillWidth: true
                    onClicked: duePopup.open()
                }
                // A technician's fill waits for the pharmacist who verifies it and is its dispenser on the record.
                TouchButton {
                    objectName: "verifyButton"
                    visible: Counter.toVerify.length > 0
                    text: Counter.toVerify.length === 1 ? qsTr("1 to verify") : qsTr("%1 to verify").arg(Counter.toVerify.length)
                    Accessible.description: qsTr("Technicians' dispenses waiting for a pharmacist to verify them")
                    Layout.fillWidth: true
                    onClicked: { dash.banner = ""; dash.stack.push(verifyPage, { stack: dash.stack }) }
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing * 2

            Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            ListView {
                id: list
                objectName: "productList"
                anchors.fill: parent
                bottomMargin: bannerCard.visible ? bannerCard.height + Theme.spacing : 0 // the last row can scroll above it
                clip: true
                model: Counter.products
                spacing: Theme.spacingRow
                delegate: ItemDelegate {
                    required property int index
                    required property string ndc11
                    required property string ndc
                    required property string name
                    required property string strength
                    required property string displayName
                    required property string dosageForm
                    required property var balance
                    required property string baseUnit
                    required property bool openDiscrepancy
                    required property bool overdue
                    required property bool belowReorder
                    objectName: "product_" + ndc11
                    width: ListView.view.width
                    height: Theme.touchTarget * 1.4
                    highlighted: dash.selected !== null && dash.selected.ndc11 === ndc11
                    Accessible.name: qsTr("%1, %2 on hand").arg(displayName).arg(Counter.quantityText(balance, baseUnit))
                    onClicked: { dash.selected = Counter.products.get(index); dash.scan = null }
                    background: Rectangle {
                        color: parent.highlighted ? Theme.selection : Theme.surface
                        border.color: Theme.border
                        radius: Theme.radius
                    }
                    contentItem: RowLayout {
                        spacing: Theme.spacing
                        ColumnLayout {
                            spacing: Theme.spacingLine
                            Layout.fillWidth: true
                            Label { text: displayName; font.pixelSize: Theme.fontBody; elide: Text.ElideRight; Layout.fillWidth: true }
                            Label { text: "NDC " + ndc + " \u00B7 " + dosageForm; font.pixelSize: Theme.fontLabel; color: Theme.textMuted }
                        }
                        Label {
                            visible: openDiscrepancy
                            text: qsTr("Discrepancy open")
                            color: Theme.bad
                            font.pixelSize: Theme.fontLabel
                        }
                        Label {
                            objectName: "countDue_" + ndc11
                            visible: overdue
                            text: qsTr("Count due")
                            color: Theme.warning
                            font.pixelSize: Theme.fontLabel
                        }
                        Label {
                            objectName: "belowReorder_" + ndc11
                            visible: belowReorder
                            text: qsTr("Below reorder point")
                            color: Theme.warning
                            font.pixelSize: Theme.fontLabel
                        }
                        Label {
                            objectName: "balance_" + ndc11
                            text: Counter.quantityText(balance, baseUnit)
                            font.pixelSize: Theme.fontTitle
                            horizontalAlignment: Text.AlignRight
                            Layout.preferredWidth: Theme.balanceWidth
                        }
                    }
                }
                Label {
                    anchors.centerIn: parent
                    visible: list.count === 0
                    text: search.text.length > 0 ? qsTr("No product matches \u201C%1\u201D.").arg(search.text) : qsTr("The catalog is empty: import the FDA NDC Directory in Settings \u203a Products.")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                }
            }
            // What was just recorded, over the foot of the list. A record is never deleted: a mistake is corrected by
            // a new entry, offered here.
            Rectangle {
                id: bannerCard
                objectName: "bannerCard"
                visible: dash.banner.length > 0
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                height: bannerRow.implicitHeight + Theme.spacing * 2
                radius: Theme.radius
                color: dash.bannerAttention ? Theme.attentionBackground : Theme.surface
                border.color: dash.bannerAttention ? Theme.bad : Theme.good
                border.width: Theme.bannerBorder
                RowLayout {
                    id: bannerRow
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    spacing: Theme.spacing
                    Label {
                        objectName: "banner"
                        text: dash.banner
                        color: dash.bannerAttention ? Theme.bad : Theme.good
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    TouchButton {
                        objectName: "correctLastButton"
                        visible: dash.lastSeq > 0 && dash.selected !== null && dash.selected.ndc11 === dash.lastNdc
                        text: qsTr("Correct this entry")
                        Accessible.description: qsTr("Correct the entry just recorded")
                        onClicked: dash.open(ledgerPage, { chooseSeq: dash.lastSeq })
                    }
                }
            }
            }

            ScrollView {
            id: actionsScroll
            objectName: "actionsScroll"
            Layout.preferredWidth: Theme.actionsWidth
            Layout.fillWidth: false
            Layout.fillHeight: true
            contentWidth: availableWidth
            clip: true
            ColumnLayout {
                width: actionsScroll.availableWidth
                spacing: Theme.spacing
                // Two lines kept for the product's name, so choosing one moves no button.
                Label {
                    objectName: "selectedName"
                    text: dash.selected ? dash.selected.displayName : qsTr("Choose a product")
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    wrapMode: Text.Wrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                    Layout.preferredHeight: nameMetrics.height * 2
                    FontMetrics { id: nameMetrics; font.pixelSize: Theme.fontBody; font.bold: true }
                }
                // What this person may not record, said above the buttons, where it is seen on the smallest screen.
                Label {
                    objectName: "actionsWhyNot"
                    visible: dash.someRefused
                    text: qsTr("Greyed out: not for %1 to record.").arg(Counter.personRoleNoun)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontLabel
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                // The commonest four, two to a row, so every action is in view at 1024x768.
                GridLayout {
                    columns: 2
                    columnSpacing: Theme.spacingSmall
                    rowSpacing: Theme.spacingSmall
                    Layout.fillWidth: true
                    TouchButton { objectName: "dispenseButton"; text: qsTr("Dispense"); enabled: dash.selected !== null && dash.offers("dispense"); Accessible.description: Counter.refusals.dispense || ""; Layout.fillWidth: true; onClicked: dash.open(dispenseForm) }
                    TouchButton { objectName: "receiveButton"; text: qsTr("Receive"); enabled: dash.selected !== null && dash.offers("receive"); Accessible.description: Counter.refusals.receive || ""; Layout.fillWidth: true; onClicked: dash.open(receiveForm, { scanLot: dash.scan ? dash.scan.lot : "", scanExpiry: dash.scan ? dash.scan.expiry : "" }) }
                    TouchButton { objectName: "ledgerButton"; text: qsTr("Ledger"); enabled: dash.selected !== null; Layout.fillWidth: true; onClicked: dash.open(ledgerPage) }
                    TouchButton { objectName: "countButton"; text: qsTr("Blind count"); enabled: dash.selected !== null && dash.offers("count"); Accessible.description: Counter.refusals.count || ""; Layout.fillWidth: true; onClicked: dash.open(countForm) }
                }
                Label { text: qsTr("Other records"); font.pixelSize: Theme.fontLabel; color: Theme.textMuted }
                // Less frequent kinds, two to a row; what the person's role may not record is greyed out (the Ledger
                // refuses it too).
                GridLayout {
                    columns: 2
                    columnSpacing: Theme.spacingSmall
                    rowSpacing: Theme.spacingSmall
                    Layout.fillWidth: true
                    TouchButton { objectName: "movementButton"; text: qsTr("Transfer"); enabled: dash.selected !== null && dash.offers("transfer"); Layout.fillWidth: true; onClicked: dash.open(movementForm)
                                  Accessible.description: Counter.refusals.transfer || qsTr("Transfer or return to a supplier") }
                    TouchButton { objectName: "wasteButton"; text: qsTr("Waste"); enabled: dash.selected !== null && dash.offers("waste"); Accessible.description: Counter.refusals.waste || ""; Layout.fillWidth: true; onClicked: dash.open(wasteForm) }
                    TouchButton { objectName: "destroyButton"; text: qsTr("Destroy"); enabled: dash.selected !== null && dash.offers("destroy"); Layout.fillWidth: true; onClicked: dash.open(destroyForm)
                                  Accessible.description: Counter.refusals.destroy || qsTr("Destruction (DEA Form 41)") }
                    TouchButton { objectName: "theftLossButton"; text: qsTr("Theft/loss"); enabled: dash.selected !== null && dash.offers("reportTheftLoss"); Layout.fillWidth: true; onClicked: dash.open(theftLossForm)
                                  Accessible.description: Counter.refusals.reportTheftLoss || qsTr("Theft or loss (DEA Form 106)") }
                    TouchButton { objectName: "adjustButton"; text: qsTr("Adjust"); enabled: dash.selected !== null && dash.offers("adjust"); Layout.fillWidth: true; onClicked: dash.open(adjustForm)
                                  Accessible.description: Counter.refusals.adjust || qsTr("An adjustment of the recorded balance") }
                    TouchButton { objectName: "shelfCountButton"; text: qsTr("Shelf count"); enabled: Counter.products.count > 0 && dash.offers("count"); Layout.fillWidth: true; onClicked: dash.openShelfCount()
                                  Accessible.description: Counter.refusals.count || qsTr("Blind count of every product listed") }
                }
            }
            }
        }
    }

    Component { id: dispenseForm; DispenseForm {} }
    Component { id: receiveForm; ReceiveForm {} }
    Component { id: countForm; CountForm {} }
    Component { id: movementForm; MovementForm {} }
    Component { id: wasteForm; WasteForm {} }
    Component { id: destroyForm; DestroyForm {} }
    Component { id: theftLossForm; TheftLossForm {} }
    Component { id: adjustForm; AdjustForm {} }
    Component { id: ledgerPage; ProductLedgerPage {} }
    Component { id: shelfCountPage; ShelfCountPage {} }
    Component { id: verifyPage; VerifyPage {} }

    Popup {
        id: duePopup
        objectName: "duePopup"
        modal: true
        focus: true // Escape closes it, and a scan is not typed into the search box behind it
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.spacing * 4, 900)
        padding: Theme.spacing * 2
        ColumnLayout {
            width: parent.width
            spacing: Theme.spacing
            Label { text: qsTr("Due dates"); font.pixelSize: Theme.fontTitle; font.bold: true }
            Repeater {
                model: Counter.dueSoon
                Label {
                    objectName: "due_" + index
                    text: qsTr("%1  %2%3: %4").arg(modelData.due).arg(modelData.what).arg(modelData.overdue ? qsTr(" (overdue)") : "").arg(modelData.rule)
                    color: modelData.overdue ? Theme.bad : Theme.text
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
            }
            TouchButton { objectName: "dueCloseButton"; text: qsTr("Close"); onClicked: duePopup.close() }
        }
    }
}
