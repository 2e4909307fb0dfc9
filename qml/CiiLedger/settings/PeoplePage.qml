import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Settings > People: who works here (name, initials, role, active or deactivated and why, locked out), and for the
// pharmacist-in-charge or owner the changes, each signed with their PIN or password: add a person, change a role,
// reset a PIN (the person types the new one), deactivate with a reason. Anyone else sees the list read-only.
// The rules are the Ledger's (PeopleController); each field says its problem under it as it is typed.
Item {
    id: page
    objectName: "peoplePage"
    property var stack
    property string selectedId: ""   // the person whose row was tapped; "" shows the Add form
    readonly property var selected: {
        const list = PeopleController.people
        for (let i = 0; i < list.length; ++i)
            if (list[i].id === page.selectedId)
                return list[i]
        return null
    }
    property string message: ""
    property bool messageOk: false

    function done(r) {
        page.message = r.message
        page.messageOk = r.ok
        return r.ok
    }
    // The signed-in person's signature, checked on a worker first (Counter.verifyThen), then `command(signature)`.
    function signed(command) {
        const signature = signatureField.text
        if (signature.length === 0) {
            signatureField.problem = qsTr("Your PIN or password is required to sign this change.")
            return
        }
        Counter.verifyThen([{ personId: Counter.personId, secret: signature }], function() {
            signatureField.text = ""
            command(signature)
        })
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing * 2
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Settings \u203a People")
                font.pixelSize: Theme.fontTitle
                color: Theme.text
                Layout.fillWidth: true
            }
            TouchButton {
                objectName: "peopleAddButton"
                visible: PeopleController.canManage
                text: qsTr("Add a person")
                onClicked: { page.selectedId = ""; page.message = ""; nameField.input.forceActiveFocus() }
            }
            TouchButton {
                objectName: "peopleBack"
                text: qsTr("Back")
                onClicked: page.stack.pop()
            }
        }
        Label {
            objectName: "peopleReadOnly"
            visible: !PeopleController.canManage
            text: qsTr("Only the pharmacist-in-charge or the owner may change staff.")
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
            Layout.fillWidth: true
        }

        RowLayout {
            spacing: Theme.spacing * 2
            Layout.fillWidth: true
            Layout.fillHeight: true

            ListView {
                id: list
                objectName: "peopleList"
                model: PeopleController.people
                clip: true
                spacing: Theme.spacingSmall
                Layout.fillHeight: true
                Layout.fillWidth: !PeopleController.canManage
                Layout.preferredWidth: Theme.peopleListWidth
                ScrollBar.vertical: ScrollBar {}
                delegate: ItemDelegate {
                    id: row
                    required property var modelData
                    objectName: "personRow_" + modelData.initials + (modelData.active ? "" : "_deactivated")
                    width: ListView.view.width - Theme.scrollBarRoom
                    enabled: PeopleController.canManage
                    highlighted: modelData.id === page.selectedId
                    Accessible.name: qsTr("%1, %2, %3, %4").arg(modelData.name).arg(modelData.initials).arg(modelData.role).arg(modelData.status)
                    onClicked: { page.selectedId = modelData.id; page.message = ""; newRole.box.currentIndex = -1; reasonField.text = "" }
                    background: Rectangle {
                        color: row.highlighted ? Theme.selection : Theme.surface
                        border.color: Theme.border
                        radius: Theme.radius
                    }
                    contentItem: ColumnLayout {
                        spacing: Theme.spacingLine
                        Label {
                            text: qsTr("%1 (%2)").arg(row.modelData.name).arg(row.modelData.initials)
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: row.modelData.active ? Theme.text : Theme.textMuted
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Label {
                            objectName: "personStatus_" + row.modelData.initials + (row.modelData.active ? "" : "_deactivated")
                            text: qsTr("%1 \u00B7 %2").arg(row.modelData.role).arg(row.modelData.status)
                            font.pixelSize: Theme.fontLabel
                            color: row.modelData.lockedOut ? Theme.bad : Theme.textMuted
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                    }
                }
            }

            // The changes, for the pharmacist-in-charge or owner: the Add form, or the chosen person's changes.
            Flickable {
                id: panel
                visible: PeopleController.canManage
                Layout.fillWidth: true
                Layout.fillHeight: true
                contentHeight: panelColumn.implicitHeight
                clip: true
                ScrollBar.vertical: ScrollBar {}

                ColumnLayout {
                    id: panelColumn
                    width: panel.width - Theme.scrollBarRoom
                    spacing: Theme.spacing

                    // Add a person.
                    ColumnLayout {
                        visible: page.selected === null
                        spacing: Theme.spacing
                        Layout.fillWidth: true
                        Label { text: qsTr("Add a person"); font.pixelSize: Theme.fontBody; font.bold: true; color: Theme.text }
                        RowLayout {
                            spacing: Theme.spacing
                            Layout.fillWidth: true
                            FormField { id: nameField; objectName: "personNameField"; label: qsTr("Name"); check: t => PeopleController.fieldProblem("name", t) }
                            FormField {
                                id: initialsField
                                objectName: "personInitialsField"
                                label: qsTr("Initials (2 to 4 letters)")
                                check: t => PeopleController.fieldProblem("initials", t)
                            }
                        }
                        RowLayout {
                            spacing: Theme.spacing
                            Layout.fillWidth: true
                            ChoiceField {
                                id: roleField
                                objectName: "personRoleField"
                                label: qsTr("Role")
                                values: PeopleController.roles.map(r => r.id)
                                names: PeopleController.roles.map(r => r.text)
                            }
                            ChoiceField {
                                id: secretKind
                                objectName: "personSecretKindField"
                                label: qsTr("Signs in with")
                                values: ["pin", "password"]
                                names: [qsTr("A PIN (4 to 8 digits)"), qsTr("A password (8 characters or more)")]
                            }
                        }
                        RowLayout {
                            visible: secretKind.value === "pin"
                            spacing: Theme.spacing
                            Layout.fillWidth: true
                            FormField {
                                id: pinField
                                objectName: "personPinField"
                                label: qsTr("Their PIN")
                                numeric: true
                                secret: true
                                check: t => PeopleController.fieldProblem("pin", t)
                                onTextChanged: if (pinAgainField.text.length > 0) pinAgainField.revalidate()
                            }
                            FormField {
                                id: pinAgainField
                                objectName: "personPinAgainField"
                                label: qsTr("Their PIN again")
                                numeric: true
                                secret: true
                                check: t => PeopleController.repeatProblem(pinField.text, t, true)
                            }
                        }
                        RowLayout {
                            visible: secretKind.value === "password"
                            spacing: Theme.spacing
                            Layout.fillWidth: true
                            FormField {
                                id: passwordField
                                objectName: "personPasswordField"
                                label: qsTr("Their password")
                                secret: true
                                check: t => PeopleController.fieldProblem("password", t)
                            }
                            FormField {
                                id: passwordAgainField
                                objectName: "personPasswordAgainField"
                                label: qsTr("Their password again")
                                secret: true
                                checkWhileTyping: true
                                check: t => PeopleController.repeatProblem(passwordField.text, t, false)
                            }
                        }
                    }

                    // The chosen person.
                    ColumnLayout {
                        visible: page.selected !== null
                        spacing: Theme.spacing
                        Layout.fillWidth: true
                        Label {
                            objectName: "personHeading"
                            text: page.selected ? qsTr("%1 (%2), %3 \u00B7 %4").arg(page.selected.name).arg(page.selected.initials)
                                                      .arg(page.selected.role).arg(page.selected.status) : ""
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: Theme.text
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        Label {
                            visible: page.selected !== null && !page.selected.active
                            text: qsTr("Deactivated people stay in the records; they can no longer sign in.")
                            font.pixelSize: Theme.fontLabel
                            color: Theme.textMuted
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        RowLayout {
                            visible: page.selected !== null && page.selected.active
                            spacing: Theme.spacing
                            Layout.fillWidth: true
                            ChoiceField {
                                id: newRole
                                objectName: "personNewRoleField"
                                label: qsTr("New role")
                                values: PeopleController.roles.map(r => r.id)
                                names: PeopleController.roles.map(r => r.text)
                                Component.onCompleted: box.currentIndex = -1
                            }
                            TouchButton {
                                objectName: "personChangeRoleButton"
                                text: qsTr("Change the role")
                                enabled: newRole.value.length > 0 && page.selected !== null && newRole.value !== page.selected.roleName
                                Layout.alignment: Qt.AlignBottom
                                onClicked: page.signed(sig => page.done(PeopleController.changeRole(page.selectedId, newRole.value, sig)))
                            }
                        }
                        RowLayout {
                            visible: page.selected !== null && page.selected.active && !page.selected.self
                            spacing: Theme.spacing
                            Layout.fillWidth: true
                            FormField { id: reasonField; objectName: "personReasonField"; label: qsTr("Reason for deactivating (kept in the records)") }
                            TouchButton {
                                objectName: "personDeactivateButton"
                                text: qsTr("Deactivate")
                                enabled: reasonField.text.trim().length > 0
                                Layout.alignment: Qt.AlignBottom
                                onClicked: page.signed(sig => { if (page.done(PeopleController.deactivate(page.selectedId, reasonField.text, sig))) reasonField.text = "" })
                            }
                        }
                        TouchButton {
                            objectName: "personResetPinButton"
                            visible: page.selected !== null && page.selected.active && !page.selected.self
                            text: qsTr("Reset the PIN\u2026")
                            onClicked: { page.message = ""; resetDialog.person = page.selected; resetDialog.open() }
                        }
                    }

                    FormField {
                        id: signatureField
                        objectName: "peopleSignatureField"
                        visible: page.selected === null || page.selected.active
                        label: qsTr("Your PIN or password, to sign (%1)").arg(Counter.personName)
                        secret: true
                        Layout.preferredWidth: Theme.fieldWidth
                        Layout.fillWidth: false
                        onTextChanged: problem = ""
                        onAccepted: if (page.selected === null) addButton.clicked()
                    }
                    TouchButton {
                        id: addButton
                        objectName: "personAddButton"
                        visible: page.selected === null
                        text: qsTr("Add the person")
                        enabled: nameField.text.trim().length > 0 && initialsField.text.trim().length > 0 && roleField.value.length > 0
                                 && nameField.problem.length === 0 && initialsField.problem.length === 0
                                 && (secretKind.value === "pin" ? pinField.text.length > 0 && pinAgainField.text.length > 0
                                                                  && pinField.problem.length === 0 && pinAgainField.problem.length === 0
                                                                : passwordField.text.length > 0 && passwordAgainField.text.length > 0
                                                                  && passwordField.problem.length === 0 && passwordAgainField.problem.length === 0)
                        onClicked: page.signed(function(sig) {
                            const byPin = secretKind.value === "pin"
                            if (page.done(PeopleController.add(nameField.text, initialsField.text, roleField.value,
                                                               byPin ? pinField.text : "", byPin ? pinAgainField.text : "",
                                                               byPin ? "" : passwordField.text, byPin ? "" : passwordAgainField.text, sig))) {
                                for (const f of [nameField, initialsField, pinField, pinAgainField, passwordField, passwordAgainField]) {
                                    f.text = ""
                                    f.problem = ""
                                }
                            }
                        })
                    }
                    Label {
                        objectName: "peopleMessage"
                        visible: page.message.length > 0
                        text: page.message
                        color: page.messageOk ? Theme.good : Theme.bad
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.fontBody
                        Layout.fillWidth: true
                    }
                }
            }
        }
    }

    ResetPinDialog {
        id: resetDialog
        onReset: (r) => page.done(r)
    }
}
