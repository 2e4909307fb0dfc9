import QtQuick
import QtTest
import CiiLedger.Components

Item {
    width: 600; height: 300

    FormField { id: number; objectName: "qty"; label: "Quantity"; numeric: true; width: 400 }
    FormField { id: words; objectName: "rx"; label: "Rx number"; y: 150; width: 400 }
    SignalSpy { id: accepted; target: words; signalName: "accepted" }

    TestCase {
        name: "FormField"
        when: windowShown

        function init() { number.text = ""; words.text = ""; number.problem = ""; accepted.clear() }

        function test_numericTakesDigitsOnly() {
            number.input.forceActiveFocus()
            keyClick(Qt.Key_1); keyClick(Qt.Key_A); keyClick(Qt.Key_2); keyClick(Qt.Key_Minus)
            compare(number.text, "12")
        }

        function test_problemShowsUnderTheField() {
            const problem = findChild(number, "qtyProblem")
            verify(!problem.visible)
            number.problem = "The quantity must be a whole number above zero"
            verify(problem.visible)
            compare(problem.text, "The quantity must be a whole number above zero")
        }

        function test_enterAccepts() {
            words.input.forceActiveFocus()
            keyClick(Qt.Key_R); keyClick(Qt.Key_Return)
            compare(accepted.count, 1)
        }

        function test_touchSizedAndNamed() {
            verify(number.input.height >= 48)
            compare(number.input.Accessible.name, "Quantity")
        }
    }
}
