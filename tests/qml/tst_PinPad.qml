import QtQuick
import QtTest
import CiiLedger.Components

Item {
    width: 600; height: 600

    PinPad { id: pad; anchors.centerIn: parent }
    SignalSpy { id: entered; target: pad; signalName: "entered" }

    TestCase {
        name: "PinPad"
        when: windowShown

        function init() { pad.pin = ""; entered.clear() }

        function test_tapsBuildThePinAndOkSendsIt() {
            for (const d of ["1", "2", "3", "4"])
                mouseClick(findChild(pad, "pinKey" + d))
            compare(pad.pin, "1234")
            compare(findChild(pad, "pinDots").text, "\u25CF \u25CF \u25CF \u25CF") // dots, never the digits
            mouseClick(findChild(pad, "pinOk"))
            compare(entered.count, 1)
            compare(entered.signalArguments[0][0], "1234")
            compare(pad.pin, "") // cleared for the next person
        }

        function test_okIsDisabledUntilADigit() {
            verify(!findChild(pad, "pinOk").enabled)
            mouseClick(findChild(pad, "pinKey7"))
            verify(findChild(pad, "pinOk").enabled)
        }

        function test_keyboardDigitsBackspaceEnterAndEscape() {
            pad.forceActiveFocus()
            keyClick(Qt.Key_5); keyClick(Qt.Key_6); keyClick(Qt.Key_7)
            keyClick(Qt.Key_Backspace)
            compare(pad.pin, "56")
            keyClick(Qt.Key_A) // letters are ignored
            compare(pad.pin, "56")
            keyClick(Qt.Key_Return)
            compare(entered.count, 1)
            compare(entered.signalArguments[0][0], "56")
            keyClick(Qt.Key_1); keyClick(Qt.Key_Escape)
            compare(pad.pin, "")
        }

        function test_atMostEightDigitsAndClear() {
            for (let i = 0; i < 10; ++i)
                mouseClick(findChild(pad, "pinKey9"))
            compare(pad.pin.length, 8)
            mouseClick(findChild(pad, "pinClear"))
            compare(pad.pin, "")
        }

        function test_keysAreTouchSized() {
            for (const d of ["0", "1", "5", "9"]) {
                const k = findChild(pad, "pinKey" + d)
                verify(k.height >= 48 && k.width >= 48, "key " + d + " is " + k.width + "x" + k.height)
                compare(k.Accessible.name, d)
            }
        }
    }
}
