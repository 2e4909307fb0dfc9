import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

ApplicationWindow {
    id: window
    objectName: "mainWindow"
    // Fitted to the screen it opens on (its available part, without the panels): maximized where a window manager
    // does that, and sized to it where none does. A screen smaller than the smallest supported (the offscreen
    // platform's 800x600) keeps the usual size. Screen.width bounds the desktop's available size to this screen
    // when there are several.
    readonly property int screenAvailableWidth: Math.min(Screen.width, Screen.desktopAvailableWidth)
    readonly property int screenAvailableHeight: Math.min(Screen.height, Screen.desktopAvailableHeight)
    readonly property bool fitsScreen: screenAvailableWidth >= Theme.windowMinWidth && screenAvailableHeight >= Theme.windowMinHeight
    width: fitsScreen ? screenAvailableWidth : Theme.windowWidth
    height: fitsScreen ? screenAvailableHeight : Theme.windowHeight
    visibility: fitsScreen ? Window.Maximized : Window.AutomaticVisibility
    minimumWidth: Theme.windowMinWidth
    minimumHeight: Theme.windowMinHeight
    visible: true
    title: qsTr("CII Ledger")
    color: Theme.background
    Material.accent: Theme.accent
    Material.primary: Theme.accent

    // What the window shows: the store's problem, the first-run wizard, the lock screen, or the counter.
    readonly property string screen: RestoreController.phase !== RestoreController.Idle ? "restore"
                                     : !StoreStatus.isOpen ? "store"
                                     : SetupWizard.active || !Counter.isSetUp ? "setup"
                                     : !Counter.signedIn ? "lock" : "counter"

    header: Column {
        AppHeader {
            width: window.width
            // Settings opens over the counter's pages (once, however often it is tapped); its sections open from it.
            onSettingsRequested: {
                const stack = content.item
                if (stack && stack.push && !(stack.currentItem && stack.currentItem.objectName === "settingsPage"))
                    stack.push(settingsPage, { stack: stack })
            }
            // The backup badge opens Settings > Backup (over Settings, so Back leads to the other sections).
            onBackupRequested: {
                const stack = content.item
                if (!stack || !stack.push || (stack.currentItem && stack.currentItem.objectName === "backupPage"))
                    return
                if (!(stack.currentItem && stack.currentItem.objectName === "settingsPage"))
                    stack.push(settingsPage, { stack: stack })
                stack.push(backupSettingsPage, { stack: stack })
            }
            onReviewRequested: {
                const stack = content.item
                if (stack && stack.push && !(stack.currentItem && stack.currentItem.objectName === "supervisorPage"))
                    stack.push(supervisorPage, { stack: stack })
            }
            onReportsRequested: {
                const stack = content.item
                if (stack && stack.push && !(stack.currentItem && stack.currentItem.objectName === "reportsPage"))
                    stack.push(reportsPage, { stack: stack })
            }
        }
        // A replaced workstation: another was activated for the pharmacy. It no longer backs up, and says so on
        // every screen; its records stay readable here.
        Rectangle {
            objectName: "revokedBanner"
            visible: BackupStatus.revoked
            width: window.width
            height: visible ? revokedText.implicitHeight + Theme.spacing * 2 : 0
            color: Theme.attentionBackground
            border.color: Theme.attention
            Label {
                id: revokedText
                objectName: "revokedBannerText"
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                anchors.margins: Theme.spacing
                wrapMode: Text.WordWrap
                text: qsTr("Another workstation was activated for this pharmacy: this one no longer backs up. Its records stay readable here.")
                color: Theme.text
                font.pixelSize: Theme.fontBody
            }
        }
    }

    Loader {
        id: content
        objectName: "content"
        anchors.fill: parent
        anchors.margins: window.screen === "counter" ? 0 : Theme.spacing * 2
        // The on-screen keyboard takes the bottom of the window; what is being typed into stays above it.
        anchors.bottomMargin: anchors.margins + (keyboard.item && keyboard.item.active ? keyboard.item.height : 0)
        sourceComponent: window.screen === "restore" ? restorePage
                         : window.screen === "store" ? storePage
                         : window.screen === "setup" ? setupPage
                         : window.screen === "lock" ? lockPage : counterPage
    }

    // Loaded only on a touch-only panel: its module is not even imported otherwise.
    Loader {
        id: keyboard
        objectName: "touchKeyboardLoader"
        active: Counter.touchKeyboard
        source: "counter/TouchKeyboard.qml"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        z: 100
    }

    // The idle lock is near: said over the top of the window (nothing under it moves), counting down; any touch or
    // key keeps the person signed in (the app's event filter, ScannerRouter, tells the session).
    Rectangle {
        objectName: "idleWarning"
        visible: window.screen === "counter" && Counter.lockWarning
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: parent.top
        anchors.topMargin: Theme.spacing
        width: Math.min(parent.width - Theme.spacing * 4, idleWarningText.implicitWidth + Theme.spacing * 4)
        height: Math.max(Theme.touchTarget, idleWarningText.implicitHeight + Theme.spacing * 2)
        radius: Theme.radius
        color: Theme.attentionBackground
        border.color: Theme.attention
        border.width: Theme.borderWidthChosen
        z: 150
        Label {
            id: idleWarningText
            objectName: "idleWarningText"
            anchors.centerIn: parent
            width: Math.min(implicitWidth, parent.width - Theme.spacing * 2)
            wrapMode: Text.Wrap
            text: qsTr("Locking in %1 s \u2014 touch to stay signed in").arg(Counter.secondsToLock)
            color: Theme.text
            font.pixelSize: Theme.fontBody
            Accessible.name: text
        }
        MouseArea { anchors.fill: parent; onClicked: Counter.touch() }
    }

    // While PINs are checked on a worker (about 170 ms each): a busy indicator, and taps wait.
    Rectangle {
        objectName: "busyOverlay"
        anchors.fill: parent
        visible: Counter.available && Counter.busy
        color: Theme.scrim
        z: 200
        MouseArea { anchors.fill: parent; acceptedButtons: Qt.AllButtons; preventStealing: true }
        Rectangle {
            anchors.centerIn: parent
            width: busyRow.implicitWidth + Theme.spacing * 4
            height: busyRow.implicitHeight + Theme.spacing * 3
            radius: Theme.radius
            color: Theme.surface
            RowLayout {
                id: busyRow
                anchors.centerIn: parent
                spacing: Theme.spacing
                BusyIndicator { running: Counter.busy; Layout.preferredWidth: Theme.busySize; Layout.preferredHeight: Theme.busySize }
                Label { text: qsTr("Checking the PIN\u2026"); font.pixelSize: Theme.fontBody; color: Theme.text }
            }
        }
    }

    Component { id: storePage; StoreStatusPanel {} }
    Component { id: setupPage; SetupWizardPage {} }
    Component { id: restorePage; RestorePage {} }
    Component { id: settingsPage; SettingsPage {} }
    Component { id: backupSettingsPage; BackupPage {} }
    Component { id: reportsPage; ReportsPage {} }
    Component { id: supervisorPage; SupervisorPage {} }
    Component { id: lockPage; LockScreen {} }
    Component {
        id: counterPage
        StackView {
            id: stack
            objectName: "stack"
            initialItem: Dashboard { stack: stack }
            focus: true
        }
    }
}
