import QtQuick
import QtTest
import CiiLedger.Components

Item {
    width: 800; height: 400

    FormField { id: field; objectName: "qty"; label: "Quantity"; numeric: true; width: 300 }
    FormField { id: secretField; objectName: "pin"; label: "PIN"; numeric: true; secret: true; y: 120; width: 300 }
    FormField { id: words; objectName: "name"; label: "Name"; y: 360; width: 300 }
    NumericKeypad { id: pad; x: 400 }
    ChoiceField { id: choice; objectName: "reason"; label: "Reason"; values: ["data-entry-error", "found-stock"]; y: 240; width: 300 }

    TestCase {
        name: "NumericKeypad"
        when: windowShown

        function init() { field.text = ""; field.input.forceActiveFocus() }
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

        // The keys go to the focused field only: a field that does not take digits greys the keypad out.
        function test_typesIntoTheFocusedFieldOnly() {
            compare(pad.target, field.input)
            secretField.text = ""
            secretField.input.forceActiveFocus()
            key("7")
            compare(secretField.text, "7")
            compare(field.text, "")
            words.input.forceActiveFocus()
            verify(!pad.active)
            verify(!findChild(pad, "keypad_7").enabled)
            key("7")
            compare(words.text, "")
            compare(field.text, "")
            compare(secretField.text, "7")
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
