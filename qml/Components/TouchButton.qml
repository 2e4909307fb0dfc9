import QtQuick
import QtQuick.Controls

// A button sized for a finger: never smaller than Theme.touchTarget.
Button {
    id: control
    implicitHeight: Math.max(Theme.touchTarget, implicitContentHeight + topPadding + bottomPadding)
    implicitWidth: Math.max(Theme.touchTarget * 2, implicitContentWidth + leftPadding + rightPadding)
    font.pixelSize: Theme.fontBody
    Accessible.name: text
}
