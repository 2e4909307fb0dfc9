import QtQuick
import QtQuick.VirtualKeyboard

// Qt Virtual Keyboard for the text fields of a touch-only panel (the app started with --touch-keyboard).
// Number fields have the form's own keypad; this one rises for names, lots and notes.
InputPanel {
    objectName: "inputPanel"
    visible: active
}
