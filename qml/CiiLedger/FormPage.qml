import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// The frame every transaction form shares: the product, the fields, the Ledger's answer, Save (Enter) and
// Cancel (Esc). A form sets `save` to a function that returns the Counter's {ok, message}.
Page {
    id: form
    required property var product
    required property StackView stack
    property string heading
    property string message: ""
    property var save: function() { return { ok: false, message: "" } }
    default property alias fields: fieldColumn.data
    background: Rectangle { color: Theme.background }

    function submit() {
        const r = form.save()
        if (r.ok)
            form.stack.pop()
        else
            form.message = r.message
    }

    Keys.onEscapePressed: form.stack.pop()
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
        Label {
            text: qsTr("NDC %1 \u00B7 %2 %3 per package").arg(form.product.ndc).arg(form.product.packageSize).arg(form.product.baseUnit)
            color: Theme.textMuted
            font.pixelSize: Theme.fontLabel
        }
        // Two columns where there is room; scrolls when the screen is short. Save and Cancel stay in view.
        ScrollView {
            id: scroller
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth
            clip: true
            GridLayout {
                id: fieldColumn
                width: Math.min(scroller.availableWidth, 1100)
                columns: width > 800 ? 2 : 1
                columnSpacing: Theme.spacing * 2
                rowSpacing: Theme.spacing
            }
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
            TouchButton { objectName: "saveButton"; text: qsTr("Save"); highlighted: true; onClicked: form.submit() }
            TouchButton { objectName: "cancelButton"; text: qsTr("Cancel"); onClicked: form.stack.pop() }
        }
    }
}
