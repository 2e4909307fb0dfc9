import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Asked before what a person typed is thrown away (Cancel or Escape on a filled form): "Keep editing" (the
// default, and Escape) or "Discard". The keyboard focus goes back where it was when the person keeps editing.
Dialog {
    id: dialog
    property string question
    property string detail: qsTr("What you typed is not recorded: nothing is, until it is saved.")
    property Item returnFocusTo: null
    signal discarded()

    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(Theme.dialogWidthNarrow, parent ? parent.width - Theme.dialogInset : Theme.dialogWidthNarrow)
    // Shown and gone at once: no fade to wait for at a busy counter.
    enter: Transition {}
    exit: Transition {}
    closePolicy: Popup.CloseOnEscape
    onAboutToShow: returnFocusTo = Window.activeFocusItem
    onClosed: if (returnFocusTo) returnFocusTo.forceActiveFocus()

    ColumnLayout {
        objectName: "discardContent"
        anchors.fill: parent
        spacing: Theme.spacing
        focus: true
        Keys.onReturnPressed: dialog.close() // Enter keeps what was typed; discarding takes a deliberate tap
        Keys.onEnterPressed: dialog.close()
        Label {
            objectName: "discardQuestion"
            text: dialog.question
            font.pixelSize: Theme.fontTitle
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            text: dialog.detail
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: Theme.spacing
            TouchButton { objectName: "keepEditingButton"; text: qsTr("Keep editing"); highlighted: true; Accessible.name: text; onClicked: dialog.close() }
            TouchButton {
                objectName: "discardButton"
                text: qsTr("Discard")
                Accessible.description: qsTr("Discard what was typed")
                onClicked: {
                    dialog.returnFocusTo = null
                    dialog.close()
                    dialog.discarded()
                }
            }
        }
    }
}
