import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Settings > Pharmacy profile: what every record carries (name, address, DEA registration, state, time zone,
// reconciliation cadence, the expiry dates the counter warns ahead of) and the idle lock's minutes. Each field is
// checked as typed by the Ledger's own check (ProfileController.check), under the field; Save asks for the PIN,
// checked on a worker (Counter.verifyThen), and records one signed event per change. Read-only, with why, for
// anyone but the pharmacist-in-charge or the owner.
Item {
    id: page
    objectName: "profilePage"
    property var stack
    property string message: ""
    property bool messageGood: false
    // The zone follows the state until the person chooses one by hand.
    property bool zoneByHand: false

    readonly property var fields: [nameField, addressField, deaField, deaExpiryField, licenseExpiryField, stateField, cadenceField, idleField]
    function values() {
        return { name: nameField.text, address: addressField.text, dea: deaField.text, deaExpiry: deaExpiryField.text,
                 licenseExpiry: licenseExpiryField.text, state: stateField.text, timezone: zoneField.value,
                 cadenceDays: cadenceField.text, idleMinutes: idleField.text }
    }
    function load() {
        const p = ProfileController.profile
        nameField.text = p.name || ""
        addressField.text = p.address || ""
        deaField.text = p.dea || ""
        deaExpiryField.text = p.deaExpiry || ""
        licenseExpiryField.text = p.licenseExpiry || ""
        stateField.text = p.state || ""
        zoneField.box.currentIndex = zoneField.values.indexOf(p.timezone || "")
        cadenceField.text = p.cadenceDays || ""
        idleField.text = p.idleMinutes || ""
        for (const f of page.fields)
            f.problem = ""
        // A zone other than the state's own was chosen by hand once: a state change leaves it alone.
        page.zoneByHand = (p.timezone || "") !== ProfileController.zoneForState(p.state || "")
    }
    function save() {
        let good = true
        for (const f of page.fields)
            good = f.revalidate() && good
        if (!good) {
            page.messageGood = false
            page.message = qsTr("Correct the fields marked in red; nothing is recorded until they are right.")
        } else if (!ProfileController.differs(page.values())) {
            page.messageGood = false
            page.message = qsTr("Nothing was changed.")
        } else {
            page.message = ""
            signDialog.open()
        }
    }
    Component.onCompleted: load()

    // The title and the actions stay on screen; the fields scroll between them (problems shown under the fields
    // never push Save below the window).
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing * 2
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Settings \u203a Pharmacy profile")
                font.pixelSize: Theme.fontTitle
                color: Theme.text
                Layout.fillWidth: true
            }
            TouchButton { objectName: "profileBack"; text: qsTr("Back"); onClicked: page.stack.pop() }
        }

        Flickable {
            id: scroller
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: column.implicitHeight
            clip: true
            ScrollBar.vertical: ScrollBar {}

            ColumnLayout {
                id: column
                width: Math.min(scroller.width - Theme.scrollBarRoom, Theme.formMaxWidth)
                spacing: Theme.spacing
                Label {
                    objectName: "profileReadOnly"
                    visible: !ProfileController.canChange
                    text: ProfileController.readOnlyReason
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.fontBody
                    color: Theme.warning
                    Layout.fillWidth: true
                }
                Label {
                    text: qsTr("Every record carries the pharmacy's name, address and DEA registration; a change is recorded, signed, from the day it is made.")
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.fontLabel
                    color: Theme.textMuted
                    Layout.fillWidth: true
                }

                GridLayout {
                    columns: column.width >= Theme.formTwoColumnsFrom ? 2 : 1
                    columnSpacing: Theme.spacing
                    rowSpacing: Theme.spacingSmall
                    enabled: ProfileController.canChange
                    Layout.fillWidth: true
                    FormField { id: nameField; objectName: "profileName"; label: qsTr("Pharmacy name"); check: (t) => ProfileController.check("name", t) }
                    FormField { id: addressField; objectName: "profileAddress"; label: qsTr("Address"); check: (t) => ProfileController.check("address", t) }
                    FormField {
                        id: deaField
                        objectName: "profileDea"
                        label: qsTr("DEA registration number")
                        placeholder: "AB1234563"
                        check: (t) => ProfileController.check("dea", t)
                    }
                    FormField {
                        id: deaExpiryField
                        objectName: "profileDeaExpiry"
                        label: qsTr("DEA registration expires (YYYY-MM-DD)")
                        placeholder: "2028-06-30"
                        check: (t) => ProfileController.check("deaExpiry", t)
                    }
                    FormField {
                        id: stateField
                        objectName: "profileState"
                        label: qsTr("State (two letters)")
                        placeholder: "CA"
                        check: (t) => ProfileController.check("state", t)
                        onTextChanged: {
                            const zone = ProfileController.zoneForState(text)
                            if (!page.zoneByHand && zone.length > 0)
                                zoneField.box.currentIndex = zoneField.values.indexOf(zone)
                        }
                    }
                    FormField {
                        id: licenseExpiryField
                        objectName: "profileLicenseExpiry"
                        label: qsTr("State pharmacy licence expires (YYYY-MM-DD)")
                        placeholder: "2027-12-31"
                        check: (t) => ProfileController.check("licenseExpiry", t)
                    }
                    ChoiceField {
                        id: zoneField
                        objectName: "profileZone"
                        label: qsTr("Time zone (follows the state unless chosen here)")
                        values: ProfileController.timeZones
                        names: values
                        Connections { target: zoneField.box; function onActivated() { page.zoneByHand = true } }
                    }
                    FormField {
                        id: cadenceField
                        objectName: "profileCadence"
                        numeric: true
                        label: qsTr("Reconciliation every … days (empty: the state's rule)")
                        check: (t) => ProfileController.check("cadenceDays", t)
                    }
                    FormField {
                        id: idleField
                        objectName: "profileIdle"
                        numeric: true
                        label: qsTr("Lock the counter after … minutes without a touch")
                        check: (t) => ProfileController.check("idleMinutes", t)
                    }
                }
                Item { Layout.preferredHeight: Theme.spacing }
            }
        }

        Label {
            objectName: "profileMessage"
            visible: page.message.length > 0
            text: page.message
            color: page.messageGood ? Theme.good : Theme.bad
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontBody
            Layout.fillWidth: true
        }
        RowLayout {
            visible: ProfileController.canChange
            spacing: Theme.spacing
            TouchButton { objectName: "profileSave"; text: qsTr("Save\u2026"); highlighted: true; onClicked: page.save() }
            TouchButton { objectName: "profileUndo"; text: qsTr("Undo changes"); onClicked: { page.load(); page.message = "" } }
        }
    }

    // The PIN signs the change; checked on a worker before the Ledger records it.
    Dialog {
        id: signDialog
        objectName: "profileSignDialog"
        property string message: ""
        modal: true
        enter: Transition {}
        exit: Transition {}
        anchors.centerIn: Overlay.overlay
        width: Math.min(Theme.dialogWidthNarrow, page.width - Theme.dialogInset)
        title: qsTr("Sign the change to the pharmacy profile")
        onAboutToShow: message = ""
        ColumnLayout {
            objectName: "profileSignContent"
            anchors.fill: parent
            spacing: Theme.spacing
            Label {
                text: qsTr("Your PIN signs the change; it is recorded with your name.")
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                Layout.fillWidth: true
            }
            PinPad {
                objectName: "profilePinPad"
                Layout.alignment: Qt.AlignHCenter
                okText: qsTr("Sign")
                onEntered: (pin) => Counter.verifyThen([{ personId: Counter.personId, secret: pin }], function() {
                    const r = ProfileController.save(page.values(), pin)
                    if (r.ok) {
                        signDialog.close()
                        page.load()
                        page.messageGood = true
                        page.message = r.message
                    } else
                        signDialog.message = r.message
                })
            }
            Label {
                objectName: "profileSignMessage"
                visible: signDialog.message.length > 0
                text: signDialog.message
                color: Theme.bad
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                Layout.fillWidth: true
            }
            TouchButton { objectName: "profileSignCancel"; text: qsTr("Cancel"); onClicked: signDialog.close() }
        }
    }
}
