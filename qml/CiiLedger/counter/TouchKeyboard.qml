import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

// Qt Virtual Keyboard for the text fields of a touch-only panel (the app started with --touch-keyboard).
// Number fields have the form's own keypad; this one rises for names, lots and notes. US English: the records
// are a US pharmacy's, whatever the machine's locale.
InputPanel {
    objectName: "inputPanel"
    visible: active
    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["en_US"]
        VirtualKeyboardSettings.locale = "en_US"
    }
}
