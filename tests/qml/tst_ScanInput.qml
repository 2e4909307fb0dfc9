import QtQuick
import QtTest
import CiiLedger.Components
import "../../qml/CiiLedger/counter/ScanInput.js" as ScanInput

// A keyboard-wedge scanner types into the focused field before the burst is known to be a scan; once it is,
// ScanInput takes its characters back out and leaves what the person had typed.
Item {
    width: 600; height: 300

    FormField { id: number; label: "Packages"; numeric: true; width: 400 }
    FormField { id: words; label: "Lot"; y: 150; width: 400 }

    TestCase {
        name: "ScanInput"
        when: windowShown
        readonly property string gs1: "0100305744072055" + "17290630" + "10AB7731"

        function typeInto(field, text) {
            field.input.forceActiveFocus()
            for (const c of text)
                keyClick(c)
        }

        function test_aNumberFieldKeepsWhatWasTypedBeforeTheScan() {
            number.text = ""
            typeInto(number, "3")
            typeInto(number, gs1)        // the letters were refused by the field, the digits went in
            verify(number.text.length > 1)
            ScanInput.takeBack(number.input, gs1)
            compare(number.text, "3")
        }

        function test_aTextFieldKeepsWhatWasTypedBeforeTheScan() {
            words.text = ""
            typeInto(words, "L9")
            typeInto(words, gs1)
            compare(words.text, "L9" + gs1)
            ScanInput.takeBack(words.input, gs1)
            compare(words.text, "L9")
        }

        function test_nothingToTakeBackLeavesTheFieldAlone() {
            words.text = "LOT-7"
            ScanInput.takeBack(words.input, "")
            ScanInput.takeBack(null, gs1)
            compare(words.text, "LOT-7")
        }
    }
}
