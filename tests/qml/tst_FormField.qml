import QtQuick
import QtTest
import CiiLedger.Components

Item {
    width: 600; height: 300

    FormField { id: number; objectName: "qty"; label: "Quantity"; numeric: true; width: 400 }
    FormField { id: words; objectName: "rx"; label: "Rx number"; y: 150; width: 400 }
    SignalSpy { id: accepted; target: words; signalName: "accepted" }
    // Checks as a form gives them (the real ones ask the Counter): a number at most 10, a date of 10 characters.
    FormField { id: checkedNumber; objectName: "checkedQty"; numeric: true; y: 75; width: 400
                check: t => Number(t) > 10 ? "More than 10." : "" }
    FormField { id: checkedDate; objectName: "checkedDate"; y: 225; width: 400
                check: t => t.length === 10 ? "" : "Write YYYY-MM-DD." }

    TestCase {
        name: "FormField"
        when: windowShown

        function init() {
            for (const f of [number, words, checkedNumber, checkedDate]) { f.text = ""; f.problem = "" }
            accepted.clear()
        }

        function test_aNumberIsCheckedAsItIsTyped() {
            checkedNumber.input.forceActiveFocus()
            keyClick(Qt.Key_9)
            compare(checkedNumber.problem, "")
            keyClick(Qt.Key_9)
            compare(checkedNumber.problem, "More than 10.")
            keyClick(Qt.Key_Backspace)
            compare(checkedNumber.problem, "")
            verify(checkedNumber.revalidate())
        }

        function test_textIsCheckedWhenLeftThenAsItIsCorrected() {
            checkedDate.input.forceActiveFocus()
            for (const k of [Qt.Key_2, Qt.Key_0, Qt.Key_2, Qt.Key_6])
                keyClick(k)
            compare(checkedDate.problem, "") // half typed: not called wrong yet
            words.input.forceActiveFocus()
            compare(checkedDate.problem, "Write YYYY-MM-DD.")
            verify(!checkedDate.revalidate())
            checkedDate.text = "2026-11-24"
            compare(checkedDate.problem, "") // cleared as it is corrected
            checkedDate.text = ""
            verify(checkedDate.revalidate()) // empty: "is required" is said on save, not here
        }

        // A letter is not dropped ("3o" would be recorded as 3): it stays, said wrong under the field.
        function test_numericRefusesOtherCharactersVisibly() {
            number.text = ""
            number.input.forceActiveFocus()
            keyClick(Qt.Key_1); keyClick(Qt.Key_A); keyClick(Qt.Key_2); keyClick(Qt.Key_Minus)
            compare(number.text, "1a2-")
            compare(number.problem, "Only digits: 1a2- is not a number.")
            verify(!number.revalidate())
            number.text = "12"
            compare(number.problem, "")
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
