pragma Singleton
import QtQuick

// Sizes and colours for a touchscreen read at arm's length.
QtObject {
    readonly property int touchTarget: 56        // at least 48 px for every control
    readonly property int spacing: 16
    readonly property int radius: 8
    readonly property int fontBody: 18
    readonly property int fontTitle: 28
    readonly property int fontLabel: 15
    readonly property color background: "#f4f6f8"
    readonly property color surface: "#ffffff"
    readonly property color text: "#1b2430"
    readonly property color textMuted: "#5a6675"
    readonly property color accent: "#1f5f99"
    readonly property color good: "#1e7a3c"
    readonly property color bad: "#b3261e"
    readonly property color border: "#d5dbe2"
}
