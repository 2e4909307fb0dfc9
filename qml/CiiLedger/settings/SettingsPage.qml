import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// Settings: one button per section, each opening its page over the counter (Settings > Security, ...). A section
// the signed-in person may not change still opens, read-only, and says why on its page.
Item {
    id: page
    objectName: "settingsPage"
    property var stack

    // The sections, in the order a pharmacist-in-charge looks for them. `page` is the Component opened.
    readonly property var sections: [
        { name: "settingsSecurity", title: qsTr("Security"), page: securityPage,
          detail: qsTr("How the records are protected; Restore from Cloud; an audit copy as of a day.") },
        { name: "settingsPeople", title: qsTr("People"), page: peoplePage,
          detail: qsTr("Who works here: add a person, change a role, reset a PIN, deactivate.") },
        { name: "settingsBackup", title: qsTr("Backup"), page: backupPage,
          detail: qsTr("The cloud backup: what is waiting, Back up now, activating with a code, the recovery key and its sheet.") },
        { name: "settingsProfile", title: qsTr("Pharmacy profile"), page: profilePage,
          detail: qsTr("Name, address, DEA registration, state, time zone, reconciliation cadence, the idle lock.") },
        { name: "settingsProducts", title: qsTr("Products"), page: productsPage,
          detail: qsTr("The catalog: import the FDA NDC Directory, add a product, deactivate one, reorder points.") }
    ]

    Component { id: securityPage; SecurityPage {} }
    Component { id: peoplePage; PeoplePage {} }
    Component { id: backupPage; BackupPage {} }
    Component { id: profilePage; ProfilePage {} }
    Component { id: productsPage; ProductsPage {} }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing * 2
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Settings")
                font.pixelSize: Theme.fontTitle
                color: Theme.text
                Layout.fillWidth: true
            }
            TouchButton {
                objectName: "settingsBack"
                text: qsTr("Back")
                onClicked: page.stack.pop()
            }
        }
        Flickable {
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: sectionColumn.implicitHeight
            clip: true
            ScrollBar.vertical: ScrollBar {}
            ColumnLayout {
                id: sectionColumn
                width: parent.width
                spacing: Theme.spacing
                Repeater {
                    model: page.sections
                    delegate: RowLayout {
                        required property var modelData
                        spacing: Theme.spacing * 2
                        Layout.fillWidth: true
                        TouchButton {
                            objectName: modelData.name
                            text: modelData.title
                            Layout.preferredWidth: Theme.settingsSectionWidth
                            onClicked: page.stack.push(modelData.page, { stack: page.stack })
                        }
                        Label {
                            text: modelData.detail
                            wrapMode: Text.Wrap
                            font.pixelSize: Theme.fontBody
                            color: Theme.textMuted
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }
    }
}
