import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import CiiLedger
import CiiLedger.Components

// One of a theft or loss's two filings: its deadline until it is recorded, then when and with what reference.
ColumnLayout {
    id: row
    property string title
    property var deadline: ({})
    property string referenceLabel
    property real columnWidth: Theme.filingWidth
    signal record(string date, string reference)
    spacing: Theme.spacingTight
    Layout.fillWidth: true
    Layout.topMargin: Theme.spacingSmall

    // Fixed widths, not the texts' own: wrapped text that sizes its column, which sizes the text, never settles.
    Label { text: row.title; font.pixelSize: Theme.fontBody; font.bold: true; wrapMode: Text.Wrap; Layout.preferredWidth: row.columnWidth }
    Label {
        objectName: row.objectName + "State"
        text: row.deadline.text || ""
        font.pixelSize: Theme.fontBody
        color: row.deadline.done ? Theme.good : row.deadline.overdue ? Theme.bad : Theme.warning
        wrapMode: Text.Wrap
        Layout.preferredWidth: row.columnWidth
    }
    ColumnLayout {
        visible: !row.deadline.done
        spacing: Theme.spacingTight
        Layout.fillWidth: true
        FormField { id: date; objectName: row.objectName + "Date"; label: qsTr("Date (YYYY-MM-DD)"); text: Counter.today(); Layout.preferredWidth: row.columnWidth }
        FormField { id: reference; objectName: row.objectName + "Reference"; label: row.referenceLabel; Layout.preferredWidth: row.columnWidth }
        TouchButton {
            objectName: row.objectName + "Record"
            text: qsTr("Record")
            onClicked: row.record(date.text, reference.text)
        }
    }
}
