import QtQuick
import QtTest
import CiiLedger.Components

Item {
    width: 800; height: 400

    FormField { id: field; objectName: "qty"; label: "Quantity"; numeric: true; width: 300 }
    FormField { id: secretField; objectName: "pin"; label: "PIN"; numeric: true; secret: true; y: 120; width: 300 }
    NumericKeypad { id: pad; x: 400; target: field.input }
    ChoiceField { id: choice; objectName: "reason"; label: "Reason"; values: ["data-entry-error", "found-stock"]; y: 240; width: 300 }

    TestCase {
        name: "NumericKeypad"
        when: windowShown

        function init() { field.text = ""; pad.target = field.input; field.input.forceActiveFocus() }
        function key(name) { mouseClick(findChild(pad, "keypad_" + name)) }

        function test_digitsBackspaceAndClear() {
            key("4"); key("2"); key("7")
            compare(field.text, "427")
            key("back")
            compare(field.text, "42")
            key("clear")
            compare(field.text, "")
        }

        function test_keysNeverTakeTheFocus() {
            key("1")
            verify(field.input.activeFocus)
            keyClick(Qt.Key_5) // the keyboard goes on typing into the same field
            compare(field.text, "15")
        }

        function test_typesOverASelection() {
            field.text = "999"
            field.input.selectAll()
            key("3")
            compare(field.text, "3")
        }

        function test_noTargetNoTyping() {
            pad.target = null
            verify(!pad.enabled)
        }

        function test_keysAreTouchSized() {
            for (const k of ["1", "0", "back", "clear"]) {
                const b = findChild(pad, "keypad_" + k)
                verify(b.height >= 48 && b.width >= 48, k)
                verify(b.Accessible.name.length > 0, k)
            }
        }

        function test_secretFieldHidesAndStaysOutOfTheSummary() {
            secretField.text = "2345"
            compare(secretField.input.echoMode, TextInput.Password)
            compare(secretField.summaryText, "")
            field.text = "12"
            compare(field.summaryText, "12")
        }

        function test_choiceShowsWordsAndGivesTheCode() {
            compare(choice.box.currentText, "Data entry error")
            compare(choice.value, "data-entry-error")
            choice.box.currentIndex = 1
            compare(choice.value, "found-stock")
            compare(choice.summaryText, "Found stock")
        }
    }
}
