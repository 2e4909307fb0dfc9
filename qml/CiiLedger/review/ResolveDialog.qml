import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Resolve a discrepancy with a reason and a note, or escalate a shortage to a theft or loss; either is signed by
// the pharmacist-in-charge's PIN, checked on a worker (Counter.verifyThen) before the Ledger records it.
Dialog {
    id: dialog
    objectName: "resolveDialog"
    property QtObject review
    property var discrepancy: ({})
    property bool escalate: false
    property string message: ""
    // A counting error is resolved by its recount: what the shelf holds now sets the balance (Ledger::resolveDiscrepancy).
    readonly property bool countingError: !escalate && reason.value === "counting-error"
    // What the recount is checked against, in the pharmacist's words: today's balance, and what the shelf should hold if
    // the count was wrong (the count's expected figure and what moved since).
    readonly property string unit: discrepancy.unit || ""
    readonly property string recountText: discrepancy.recountTarget === undefined ? ""
        : discrepancy.recountSuperseded
          ? qsTr("On hand now: %1, set by a later count. The recount should match it.").arg(Counter.quantityText(Number(discrepancy.balanceNow), unit))
          : qsTr("On hand now: %1. If the count was wrong, the shelf should hold %2 (%3 expected at the count, %4 since).")
                .arg(Counter.quantityText(Number(discrepancy.balanceNow), unit)).arg(Counter.quantityText(Number(discrepancy.recountTarget), unit))
                .arg(discrepancy.expected).arg(Number(discrepancy.movedSince) > 0 ? "+" + discrepancy.movedSince : String(discrepancy.movedSince))
    signal signedOff(var result) // recorded: {ok, message, theftLossId when escalated}
    modal: true
    enter: Transition {}
    exit: Transition {}
    anchors.centerIn: Overlay.overlay
    width: Math.min(Theme.dialogWidthSigned, parent ? parent.width - Theme.dialogInset : Theme.dialogWidthSigned)
    // Never taller than the window (1024x768 and 1366x768 included): the fields scroll; the pad and Cancel stay in view.
    height: Math.min(implicitHeight, Overlay.overlay ? Overlay.overlay.height - Theme.dialogInset : implicitHeight)
    title: escalate ? qsTr("Escalate discrepancy %1 to a theft or loss").arg(discrepancy.id)
                    : qsTr("Resolve discrepancy %1").arg(discrepancy.id)
    onAboutToShow: {
        message = ""; note.text = ""; pinPad.pin = "" // a PIN left on a cancelled dialog's pad never signs the next
        recounted.text = ""; recounted.problem = ""
        discovered.text = discrepancy.foundDate || Counter.today()
        discovered.problem = ""
        lossType.box.currentIndex = -1 // chosen by the person, never assumed
        lossKind.box.currentIndex = -1
        police.text = ""
    }
    onOpened: note.input.forceActiveFocus()

    function sign(pin) {
        Counter.verifyThen([{ personId: Counter.personId, secret: pin }], function() {
            if (dialog.escalate && lossType.value.length === 0) {
                dialog.message = qsTr("Choose whether it is a theft or a loss.")
                return
            }
            const r = dialog.escalate ? dialog.review.escalate(dialog.discrepancy.id, note.text, pin, discovered.text, lossType.value,
                                                               lossKind.value, police.text)
                                      : dialog.review.resolve(dialog.discrepancy.id, reason.value, note.text, pin,
                                                              dialog.countingError ? recounted.text : "")
            if (r.ok) {
                dialog.close()
                dialog.signedOff(r)
            } else
                dialog.message = r.message
        })
    }

    // The fields on the left (they scroll if they must), the PIN pad beside them with its submit key, and the message
    // and Cancel under both: at 1024x768 and above every key and action shows without scrolling, and a message
    // appearing takes the line kept for it, moving no key.
    ColumnLayout {
        objectName: "resolveDialogContent"
        anchors.fill: parent
        spacing: Theme.spacing
        RowLayout {
            spacing: Theme.spacing * 2
            Layout.fillWidth: true
            Layout.fillHeight: true
            ScrollView {
                id: resolveScroll
                objectName: "resolveScroll"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.alignment: Qt.AlignTop
                Layout.preferredHeight: fieldsColumn.implicitHeight
                contentWidth: availableWidth
                clip: true
                ColumnLayout {
                    id: fieldsColumn
                    width: resolveScroll.availableWidth
                    spacing: Theme.spacing
                    Label {
                        objectName: "resolveExplanation"
                        text: dialog.escalate
                              ? qsTr("%1 short of the records. Say whether it is a theft or a loss and when it was discovered (the count found it on %2): notify the DEA within one business day of discovery and file Form 106 within 45 days. The Form 106 worksheet opens next.")
                                    .arg(Counter.quantityText(-Number(dialog.discrepancy.difference), dialog.discrepancy.unit || "")).arg(dialog.discrepancy.foundDate)
                              : dialog.countingError
                              ? qsTr("Expected %1, counted %2: a difference of %3. A counting error: count the shelf again and enter what it holds; the recount sets the balance.")
                                    .arg(dialog.discrepancy.expected).arg(dialog.discrepancy.counted).arg(Counter.quantityText(Number(dialog.discrepancy.difference), dialog.discrepancy.unit || ""))
                                + "\n" + dialog.recountText
                              : qsTr("Expected %1, counted %2: a difference of %3. The stock already stands at the count; resolving records why it differed.")
                                    .arg(dialog.discrepancy.expected).arg(dialog.discrepancy.counted).arg(Counter.quantityText(Number(dialog.discrepancy.difference), dialog.discrepancy.unit || ""))
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.fontBody
                        Layout.fillWidth: true
                    }
                    // Two columns; a hidden field takes no cell, so each kind of sign-off shows its fields side by side.
                    GridLayout {
                        columns: 2
                        columnSpacing: Theme.spacing
                        rowSpacing: Theme.spacingSmall
                        Layout.fillWidth: true
                        ChoiceField {
                            id: reason
                            objectName: "resolveReason"
                            visible: !dialog.escalate
                            Layout.columnSpan: 2 // its words are long ("Counting error (a recount matches)")
                            label: qsTr("Reason")
                            onValueChanged: dialog.message = "" // a refusal of another reason no longer applies
                            values: dialog.review ? dialog.review.reasons.map(r => r.id) : []
                            names: dialog.review ? dialog.review.reasons.map(r => r.text) : []
                        }
                        FormField {
                            id: recounted
                            objectName: "resolveRecounted"
                            visible: dialog.countingError
                            numeric: true
                            label: qsTr("On the shelf now (the recount, %1)").arg(Counter.unitsName(dialog.discrepancy.unit || ""))
                            check: t => Counter.fieldProblem("count", t)
                            onTextChanged: dialog.message = ""
                        }
                        ChoiceField {
                            id: lossType
                            objectName: "escalateType"
                            visible: dialog.escalate
                            label: qsTr("Theft or loss")
                            values: dialog.review ? dialog.review.lossTypes.map(r => r.id) : []
                            names: dialog.review ? dialog.review.lossTypes.map(r => r.text) : []
                        }
                        ChoiceField {
                            id: lossKind
                            objectName: "escalateKind"
                            visible: dialog.escalate
                            label: qsTr("Kind (Form 106)")
                            readonly property var choices: Counter.choices().lossKinds[lossType.value] || []
                            values: choices.map(k => k.id)
                            names: choices.map(k => k.text)
                        }
                        FormField {
                            id: discovered
                            objectName: "escalateDiscovered"
                            visible: dialog.escalate
                            label: qsTr("Discovered on (YYYY-MM-DD)")
                            check: t => Counter.fieldProblem("date", t)
                        }
                        FormField {
                            id: police
                            objectName: "escalatePolice"
                            visible: dialog.escalate
                            label: qsTr("Police report: number and department (empty if none)")
                        }
                        FormField {
                            id: note
                            objectName: "resolveNote"
                            Layout.columnSpan: 2
                            // The PIN is the next step: Enter or Tab moves the keyboard to the pad, so digits typed
                            // after the note go into the PIN, never into the note (which stays in the record).
                            onAccepted: pinPad.focusPin()
                            tabTo: pinPad
                            label: dialog.escalate ? qsTr("What happened (the circumstances, for Form 106)") : qsTr("Note: what you found")
                        }
                    }
                }
            }
            ColumnLayout {
                objectName: "resolvePinColumn"
                spacing: Theme.spacingSmall
                Layout.fillWidth: false
                Layout.preferredWidth: Theme.pinColumnWidth
                Layout.alignment: Qt.AlignTop
                Label {
                    text: qsTr("The pharmacist-in-charge's PIN to sign")
                    font.pixelSize: Theme.fontLabel
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                PinPad {
                    objectName: "resolvePinPad"
                    id: pinPad
                    focusWhenShown: false // the note comes first; Enter or Tab there, or a tap on the pad, moves here
                    Layout.alignment: Qt.AlignHCenter
                    okText: dialog.escalate ? qsTr("Escalate") : qsTr("Resolve")
                    onEntered: (pin) => dialog.sign(pin)
                }
            }
        }
        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true
            // Kept for the message even when there is none (two lines), so its arrival moves nothing.
            Label {
                objectName: "resolveMessage"
                text: dialog.message
                color: Theme.bad
                wrapMode: Text.Wrap
                maximumLineCount: 3
                elide: Text.ElideRight
                font.pixelSize: Theme.fontBody
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                Layout.alignment: Qt.AlignVCenter
            }
            TouchButton { objectName: "resolveCancel"; text: qsTr("Cancel"); onClicked: dialog.close() }
        }
    }
}
