import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components
import "ScanInput.js" as ScanInput

// The frame every transaction form shares: the product, the fields, a numeric keypad for number fields, the
// Ledger's answer, and Save (Enter) / Cancel (Esc). Save first shows a summary of what will be recorded;
// "Record it" (Enter) saves, "Back" (Esc) returns to the fields. A form sets `save` to a function that returns
// the Counter's {ok, message}. The summary lists every visible field that has a `label` and a `summaryText`
// (FormField, ChoiceField, WitnessField); secrets never appear in it.
// The keyboard focus is in the form's first field once it opens (the one whose `input.focus` is set, else the first
// text field), so a keyboard or a scanner works at once. Cancel (Esc) on a form with something typed asks first
// ("Discard this dispense?"); an untouched form closes at once.
Page {
    id: form
    required property var product
    required property StackView stack
    property string heading
    property string noun: heading.toLowerCase() // "Discard this <noun>?"
    property string message: ""
    property var save: function() { return { ok: false, message: "" } }
    // Checks of the whole entry made when Save is pressed, after the fields' own, before the summary and any PIN:
    // "" to go on, else the sentence said instead of the summary (a blind count that differs: "Count again?").
    property var beforeSummary: function() { return "" }
    // A problem of the whole entry (the Ledger's dry run of it), shown under the field it is about by the form: Save
    // says it instead of the summary when no field shows it, and "Record it" stays disabled while there is one.
    property string entryProblem: ""
    // Save was pressed once: from then on a form also says what an empty field lacks ("is required").
    property bool submitted: false
    // What the summary adds after the fields: [{label, value}] (the balance before and after, with its units).
    property var summaryExtra: function() { return [] }
    // The balance on hand shown under the title, for the person to decide with; a blind count hides it.
    property bool showsBalance: true
    // A number field's text in the summary, with the product's unit: "40 tablets".
    function amount(t) { return /^[0-9]+$/.test(t) ? Counter.quantityText(Number(t), form.product.baseUnit) : t }
    property var stockNow: ({ text: "" })
    function readStock() { form.stockNow = form.showsBalance ? Counter.onHand(form.product.ndc11) : { text: "" } }
    Connections { target: Counter; function onChanged() { form.readStock() } }
    default property alias fields: fieldColumn.data
    background: Rectangle { color: Theme.background }

    function summaryRows() {
        const rows = [{ label: qsTr("Product"), value: form.product.name + " " + form.product.strength + " \u00B7 NDC " + form.product.ndc }]
        for (let i = 0; i < fieldColumn.children.length; ++i) {
            const f = fieldColumn.children[i]
            if (f.visible && f.label !== undefined && f.summaryText !== undefined && f.summaryText.length > 0)
                rows.push({ label: f.summaryLabel !== undefined ? f.summaryLabel : f.label, value: f.summaryText })
        }
        return rows.concat(form.summaryExtra())
    }
    // Who signs this entry: each visible PIN field is the signed-in person's, each witness signs for themself.
    function signers() {
        const out = []
        for (let i = 0; i < fieldColumn.children.length; ++i) {
            const f = fieldColumn.children[i]
            if (!f.visible)
                continue
            if (f.secret === true && f.text.length > 0)
                out.push({ personId: Counter.personId, secret: f.text })
            else if (f.pin !== undefined && f.personId !== undefined && f.pin.length > 0)
                out.push({ personId: f.personId, secret: f.pin })
        }
        return out
    }
    // Every visible field with a check, checked again: those that say something is wrong, in the form's order.
    function invalidFields() {
        const bad = []
        for (let i = 0; i < fieldColumn.children.length; ++i) {
            const f = fieldColumn.children[i]
            if (f.visible && typeof f.revalidate === "function" && !f.revalidate())
                bad.push(f)
        }
        return bad
    }
    function fieldsValid() { return form.invalidFields().length === 0 }
    // Brings a field into view and gives it the keyboard; kept in view when the message line under the form then
    // takes its place and shortens the fields' area (until something is typed).
    property Item shownField: null
    Connections {
        target: scroller.contentItem // the Flickable: shortened by the message, lengthened by a problem's lines
        function onHeightChanged() { if (form.shownField) form.showField(form.shownField) }
        function onContentHeightChanged() { if (form.shownField) form.showField(form.shownField) }
    }
    function showField(f) {
        form.shownField = f
        const flick = scroller.contentItem
        const top = f.mapToItem(fieldColumn, 0, 0).y
        const maxY = Math.max(0, flick.contentHeight - flick.height)
        if (top < flick.contentY)
            flick.contentY = Math.max(0, top)
        else if (top + f.height > flick.contentY + flick.height)
            flick.contentY = Math.min(maxY, top + f.height - flick.height)
        if (f.input !== undefined && f.input.enabled)
            f.input.forceActiveFocus()
        else if (f.box !== undefined)
            f.box.forceActiveFocus()
    }
    function submit() {
        if (Counter.busy)
            return
        form.message = ""
        form.notice = ""
        form.shownField = null
        form.submitted = true
        const bad = form.invalidFields()
        if (bad.length > 0) {
            // Named, so the line is never "marked in red" with the red scrolled out of sight.
            const names = bad.map(f => f.summaryLabel !== undefined ? f.summaryLabel : f.label)
            form.message = names.length === 1 ? qsTr("Correct the field marked in red first: %1.").arg(names[0])
                                              : qsTr("Correct the fields marked in red first: %1.").arg(names.join(", "))
            form.showField(bad[0])
            return
        }
        if (form.entryProblem.length > 0) {
            form.message = form.entryProblem
            return
        }
        const stop = form.beforeSummary()
        if (stop.length > 0) {
            form.message = stop
            return
        }
        summary.rows = form.summaryRows()
        summary.returnFocusTo = form.Window.activeFocusItem
        summary.open()
    }
    function focusFirst() {
        let first = null
        for (let i = 0; i < fieldColumn.children.length; ++i) {
            const f = fieldColumn.children[i]
            if (!f.visible || !f.input || !f.input.enabled)
                continue
            if (f.input.focus) {
                first = f
                break
            }
            if (!first)
                first = f
        }
        if (first)
            first.input.forceActiveFocus()
        else
            form.forceActiveFocus() // Esc and Enter still work
    }
    // What each field holds, to tell a form with something typed from one as it opened (prefilled by a scan).
    function fieldStates() {
        const out = []
        for (let i = 0; i < fieldColumn.children.length; ++i) {
            const f = fieldColumn.children[i]
            out.push([f.text, f.summaryText, f.pin, f.checked])
        }
        return JSON.stringify(out)
    }
    property string pristine: ""
    // Once shown, prefilled and settled (a choice's text is filled in after the page is built); nothing can be
    // typed before, as the focus comes only now.
    StackView.onActivated: {
        if (form.pristine.length === 0)
            form.pristine = form.fieldStates()
        form.focusFirst()
    }
    // Leaving (Cancel, Escape) with something typed, or with a draft brought back, asks first; discarding forgets
    // the draft too.
    function leave() {
        if (form.draftLine.length > 0 || (form.pristine.length > 0 && form.fieldStates() !== form.pristine))
            discard.open()
        else {
            form.forgetDraft()
            form.stack.pop()
        }
    }
    DiscardDialog {
        id: discard
        question: qsTr("Discard this %1?").arg(form.noun)
        onDiscarded: {
            form.forgetDraft()
            form.stack.pop()
        }
    }
    // The PINs are checked on a worker first (a busy indicator shows), then the entry is sent to the Ledger.
    function record() {
        if (form.entryProblem.length > 0)
            return
        summary.close()
        Counter.verifyThen(form.signers(), function() {
            const r = form.save()
            if (r.ok) {
                form.forgetDraft()
                form.stack.pop()
            } else {
                form.message = r.message
            }
        })
    }

    // The unfinished form (Counter.saveDraft, DraftStore): kept in the store on each change, per person and per form
    // and product, so the idle lock, a crash or a restart loses nothing typed; it comes back with a line saying so,
    // and is forgotten once recorded or discarded. Secret fields (a PIN) and witnesses' PINs are never kept.
    readonly property string draftKey: form.objectName + "/" + form.product.ndc11
    property string draftLine: ""
    property var initialFields: ({})
    property bool draftReady: false
    function draftFields() {
        const out = {}
        for (let i = 0; i < fieldColumn.children.length; ++i) {
            const f = fieldColumn.children[i]
            if (!f.objectName || f.secret === true || f.pin !== undefined)
                continue
            if (f.input !== undefined && f.text !== undefined)
                out[f.objectName] = f.text
            else if (f.box !== undefined && f.values !== undefined)
                out[f.objectName] = f.value
            else if (f.checkable === true)
                out[f.objectName] = f.checked
        }
        return out
    }
    function applyFields(values) {
        for (let i = 0; i < fieldColumn.children.length; ++i) {
            const f = fieldColumn.children[i]
            if (!f.objectName || !(f.objectName in values) || f.secret === true || f.pin !== undefined)
                continue
            const v = values[f.objectName]
            if (f.input !== undefined && f.text !== undefined)
                f.text = String(v)
            else if (f.box !== undefined && f.values !== undefined && f.values.indexOf(v) >= 0)
                f.box.currentIndex = f.values.indexOf(v)
            else if (f.checkable === true)
                f.checked = v === true
        }
    }
    function fieldChanged() {
        form.shownField = null
        if (!form.draftReady)
            return
        const now = form.draftFields()
        if (JSON.stringify(now) === JSON.stringify(form.initialFields))
            Counter.discardDraft(form.draftKey) // back as it opened: nothing to keep
        else
            Counter.saveDraft(form.draftKey, now)
    }
    function forgetDraft() {
        Counter.discardDraft(form.draftKey)
        form.draftLine = ""
    }
    function discardDraft() {
        form.draftReady = false
        form.applyFields(form.initialFields)
        form.forgetDraft()
        form.draftReady = true
    }
    Component.onCompleted: {
        form.readStock()
        form.initialFields = form.draftFields()
        const d = Counter.draft(form.draftKey, form.heading.toLowerCase())
        if (d.found) {
            form.applyFields(d.fields)
            form.draftLine = d.line
        }
        for (let i = 0; i < fieldColumn.children.length; ++i) {
            const f = fieldColumn.children[i]
            if (f.input !== undefined && f.input.textChanged !== undefined)
                f.input.textChanged.connect(form.fieldChanged)
            else if (f.box !== undefined && f.valueChanged !== undefined)
                f.valueChanged.connect(form.fieldChanged)
            else if (f.checkable === true)
                f.checkedChanged.connect(form.fieldChanged)
        }
        form.draftReady = true
    }
    // A scan while the form is open. Its characters arrived as keystrokes into the focused field; they are taken
    // back out. A scan of this form's product is given to `scannedHere` (a receipt fills its lot and expiry from
    // it) and its answer shown; a scan of another product is refused with a sentence, the form untouched.
    readonly property bool takesScans: true
    property string notice: ""
    property var scannedHere: function(r) { return qsTr("Scanned %1: the product of this form.").arg(r.name) }
    Connections {
        target: Counter
        function onScanned(r) {
            if (form.stack.currentItem !== form)
                return
            ScanInput.takeBack(form.Window.activeFocusItem, r.code)
            form.notice = ""
            form.message = ""
            if (!r.found)
                form.message = r.message
            else if (r.ndc11 !== form.product.ndc11)
                form.message = qsTr("That scan is %1, but this form is for %2. Save or cancel this form first.")
                                   .arg(r.name).arg(form.product.name + " " + form.product.strength)
            else
                form.notice = form.scannedHere(r)
        }
    }


    Keys.onEscapePressed: form.leave()
    Keys.onReturnPressed: form.submit()
    Keys.onEnterPressed: form.submit()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing * 2
        spacing: Theme.spacing
        Label {
            text: form.heading + " \u00B7 " + form.product.name + " " + form.product.strength
            font.pixelSize: Theme.fontTitle
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        // The balance on hand beside the NDC, for the person to decide with (not on a blind count).
        RowLayout {
            spacing: Theme.spacing * 2
            Layout.fillWidth: true
            Label {
                text: qsTr("NDC %1 \u00B7 %2 per package").arg(form.product.ndc).arg(Counter.quantityText(form.product.packageSize, form.product.baseUnit))
                color: Theme.textMuted
                font.pixelSize: Theme.fontLabel
            }
            Label {
                objectName: "onHandLine"
                visible: form.showsBalance
                text: form.stockNow.text
                font.pixelSize: Theme.fontBody
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        // A draft came back: said at the top, before anything is typed, with the way to start afresh.
        Rectangle {
            objectName: "draftNotice"
            visible: form.draftLine.length > 0
            Layout.fillWidth: true
            implicitHeight: draftRow.implicitHeight + Theme.spacingSmall * 2
            color: Theme.attentionBackground
            border.color: Theme.attention
            border.width: Theme.borderWidth
            radius: Theme.radius
            RowLayout {
                id: draftRow
                anchors.fill: parent
                anchors.margins: Theme.spacingSmall
                spacing: Theme.spacing
                Label {
                    objectName: "draftLine"
                    text: form.draftLine
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                TouchButton {
                    objectName: "discardDraftButton"
                    text: qsTr("Discard it")
                    Accessible.description: qsTr("Discard the unfinished form")
                    onClicked: form.discardDraft()
                }
            }
        }
        RowLayout {
            spacing: Theme.spacing * 2
            Layout.fillWidth: true
            Layout.fillHeight: true
            // Two columns where there is room; scrolls when the screen is short. Save and Cancel stay in view.
            ScrollView {
                id: scroller
                Layout.fillWidth: true
                Layout.fillHeight: true
                contentWidth: availableWidth
                clip: true
                GridLayout {
                    id: fieldColumn
                    width: Math.min(scroller.availableWidth, Theme.formMaxWidth)
                    columns: width > Theme.formTwoColumnsFrom ? 2 : 1
                    columnSpacing: Theme.spacing * 2
                    rowSpacing: Theme.spacing
                }
            }
            NumericKeypad {
                objectName: "formKeypad"
                Layout.alignment: Qt.AlignTop
            }
        }
        Label {
            objectName: "formNotice"
            visible: form.notice.length > 0
            text: form.notice
            color: Theme.good
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "formMessage"
            visible: form.message.length > 0
            text: form.message
            color: Theme.bad
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: Theme.spacing
            // A tap leaves the keyboard focus in the field it was in (Tab still reaches them).
            TouchButton { objectName: "saveButton"; text: qsTr("Save"); highlighted: true; focusPolicy: Qt.TabFocus; onClicked: form.submit() }
            TouchButton { objectName: "cancelButton"; text: qsTr("Cancel"); focusPolicy: Qt.TabFocus; onClicked: form.leave() }
        }
    }

    // What will be recorded, read back before it is: a record cannot be deleted, only corrected.
    Popup {
        id: summary
        objectName: "summaryDialog"
        property var rows: []
        property Item returnFocusTo: null
        modal: true
        focus: true
        anchors.centerIn: parent
        width: Math.min(form.width - Theme.spacing * 4, Theme.dialogWidth)
        height: Math.min(form.height - Theme.spacing * 4, implicitHeight)
        padding: Theme.spacing * 1.5
        closePolicy: Popup.NoAutoClose
        // Shown and gone at once: no fade to wait for at a busy counter (and none to stall under a slow renderer).
        enter: Transition {}
        exit: Transition {}
        onClosed: if (returnFocusTo) returnFocusTo.forceActiveFocus(); else form.focusFirst()
        contentItem: ColumnLayout {
            objectName: "summaryContent"
            spacing: Theme.spacing
            Keys.onReturnPressed: form.record()
            Keys.onEnterPressed: form.record()
            Keys.onEscapePressed: summary.close()
            focus: true
            Label {
                objectName: "summaryTitle"
                text: qsTr("Record this %1?").arg(form.noun)
                font.pixelSize: Theme.fontTitle
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            ScrollView {
                id: summaryScroll
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: rowsColumn.implicitHeight
                contentWidth: availableWidth
                clip: true
                ColumnLayout {
                    id: rowsColumn
                    width: summaryScroll.availableWidth
                    spacing: Theme.spacingRow
                    Repeater {
                        model: summary.rows
                        delegate: InfoRow {
                            required property var modelData
                            label: modelData.label
                            value: modelData.value
                            Layout.fillWidth: true
                        }
                    }
                }
            }
            Label {
                text: qsTr("Once recorded it stays in the record; a mistake is corrected by a new entry.")
                color: Theme.textMuted
                font.pixelSize: Theme.fontLabel
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: Theme.spacing
                TouchButton { objectName: "confirmSaveButton"; text: qsTr("Record it"); highlighted: true; enabled: form.entryProblem.length === 0; onClicked: form.record() }
                TouchButton { objectName: "summaryBackButton"; text: qsTr("Back"); onClicked: summary.close() }
            }
        }
    }
}
