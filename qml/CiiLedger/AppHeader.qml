import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// On every screen: the pharmacy, who is signed in, the backup state, and Lock.
ToolBar {
    id: bar
    objectName: "header"
    signal settingsRequested()
    signal reportsRequested()
    signal reviewRequested()
    signal backupRequested()
    height: Theme.headerHeight
    background: Rectangle { color: Theme.accent }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        spacing: Theme.spacing
        Label {
            objectName: "headerPharmacy"
            text: Counter.pharmacyName.length > 0 ? Counter.pharmacyName : qsTr("CII Ledger")
            color: Theme.textOnAccent
            font.pixelSize: Theme.fontTitle
            font.bold: true
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        // Who is signed in: the name, and the role under it (two short lines leave the pharmacy's name room).
        Column {
            visible: Counter.signedIn
            Label {
                objectName: "headerPerson"
                text: Counter.personName
                color: Theme.textOnAccent
                font.pixelSize: Theme.fontBody
                Accessible.name: Counter.personName + ", " + Counter.personRole
            }
            Label { objectName: "headerRole"; text: Counter.personRole; color: Theme.textOnAccentMuted; font.pixelSize: Theme.fontLabel }
        }
        // The backup badge: what the drainer last reported (BackupStatus), never a guess. Not set up, offline, failing
        // or replaced look like warnings (a problem in red). A tap backs up now and opens Settings > Backup (before
        // sign-in, where Settings is not open to anyone, it shows the details).
        Rectangle {
            objectName: "backupBadge"
            readonly property bool troubled: BackupStatus.needsAttention
            readonly property bool failing: BackupStatus.state === BackupStatus.Failing || BackupStatus.state === BackupStatus.Revoked
            radius: height / 2
            color: failing ? Theme.bad : troubled ? Theme.attention : Theme.headerBadge
            border.color: failing ? Theme.badTint : troubled ? Theme.attentionLight : Theme.headerBadgeBorder
            implicitHeight: Theme.touchTargetMin // a touch target: a tap backs up now and opens Settings > Backup
            implicitWidth: badgeRow.implicitWidth + Theme.spacing * 2
            Layout.maximumWidth: Theme.badgeWidth
            Row {
                id: badgeRow
                anchors.centerIn: parent
                spacing: Theme.spacingRow
                BusyIndicator {
                    visible: BackupStatus.state === BackupStatus.Sending
                    running: visible
                    width: Theme.busySizeSmall; height: Theme.busySizeSmall
                    anchors.verticalCenter: parent.verticalCenter
                }
                Label {
                    id: badgeText
                    objectName: "backupBadgeText"
                    text: BackupStatus.text
                    color: parent.parent.failing ? Theme.textOnAccent : parent.parent.troubled ? Theme.textOnAttention : Theme.textOnAccent
                    font.pixelSize: Theme.fontLabel
                    elide: Text.ElideRight
                    anchors.verticalCenter: parent.verticalCenter
                }
            }
            MouseArea {
                anchors.fill: parent
                onClicked: {
                    BackupStatus.backUpNow()
                    if (Counter.signedIn)
                        bar.backupRequested()
                    else
                        backupDetails.open()
                }
            }
            ToolTip {
                id: backupDetails
                objectName: "backupDetails"
                text: BackupStatus.detail
                timeout: 8000
                y: parent.height + Theme.spacingTight
                width: Theme.badgeWidth
                contentItem: Label { text: backupDetails.text; wrapMode: Text.WordWrap; color: Theme.tooltipText }
            }
            Accessible.role: Accessible.Button
            Accessible.name: BackupStatus.text
            Accessible.description: BackupStatus.detail
        }
        // Review: the discrepancies waiting (open or in review) are counted on the button.
        TouchButton {
            id: reviewButton
            objectName: "reviewButton"
            visible: Counter.signedIn
            property int waiting: 0
            function refresh() { waiting = Counter.signedIn ? ReviewController.activeCount() : 0 }
            text: waiting > 0 ? qsTr("Review · %1").arg(waiting) : qsTr("Review")
            Accessible.description: qsTr("Review discrepancies, theft or loss, reconciliation and inventory; %1 waiting").arg(waiting)
            onClicked: bar.reviewRequested()
            Component.onCompleted: refresh()
            // Every commit, this app's or another process's (ciictl): Counter.changed.
            Connections { target: Counter; function onChanged() { reviewButton.refresh() } function onSessionChanged() { reviewButton.refresh() } }
        }
        TouchButton {
            objectName: "reportsButton"
            visible: Counter.signedIn
            text: qsTr("Records")
            Accessible.description: qsTr("Records and reports for an inspector: PDF and CSV")
            onClicked: bar.reportsRequested()
        }
        TouchButton {
            objectName: "settingsButton"
            visible: Counter.signedIn
            text: qsTr("Settings")
            onClicked: bar.settingsRequested()
        }
        TouchButton {
            objectName: "lockButton"
            visible: Counter.signedIn
            text: qsTr("Lock")
            onClicked: Counter.lock()
        }
    }
}
