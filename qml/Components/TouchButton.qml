import QtQuick
import QtQuick.Controls

// A button sized for a finger: never smaller than Theme.touchTarget.
Button {
    id: control
    implicitHeight: Math.max(Theme.touchTarget, implicitContentHeight + topPadding + bottomPadding)
    implicitWidth: Math.max(Theme.touchTarget * 2, implicitContentWidth + leftPadding + rightPadding)
    font.pixelSize: Theme.fontBody
    font.capitalization: Font.MixedCase // names and words read as written, not in capitals
    Accessible.name: text
}
