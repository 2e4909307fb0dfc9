.pragma library

// A keyboard-wedge scanner types into whatever field has the focus; once the burst turns out to be a scan, its
// characters are taken back out of that field. Walked from the end: a character the field refused (a letter in
// a number field) was never typed into it.
function takeBack(field, code) {
    if (!field || typeof field.text !== "string" || field.readOnly === true || !code)
        return
    let t = field.text
    for (let i = code.length - 1; i >= 0 && t.length > 0; --i)
        if (t[t.length - 1] === code[i])
            t = t.slice(0, -1)
    field.text = t
}
