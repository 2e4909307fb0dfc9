pragma Singleton
import QtQuick

// Sizes and colours for a touchscreen read at arm's length. Every colour and size the screens and components use
// is named here; a screen may scale one (Theme.spacing * 2) or divide the room it has, but names no value of its
// own. Roles first; the sizes particular to one screen at the end, under its name. (No name starts with "on" and
// a capital: QML would take it for a signal handler.)
QtObject {
    // The window, and the bar on top of every screen.
    readonly property int windowWidth: 1280
    readonly property int windowHeight: 800
    readonly property int windowMinWidth: 1024   // the smallest counter panel
    readonly property int windowMinHeight: 700
    readonly property int headerHeight: 64

    // Touch targets.
    readonly property int touchTarget: 56        // a control's height; at least 48 px for every control
    readonly property int touchTargetMin: 48     // the least a control may be (the backup badge)
    readonly property int keypadKeyWidth: 72     // NumericKeypad's keys
    readonly property int keypadKeyHeight: 64
    readonly property int busySize: 48           // a busy indicator on its own
    readonly property int busySizeSmall: 20      // one inside a badge

    // Type scale.
    readonly property int fontSmall: 13          // a chart's scale
    readonly property int fontLabel: 15
    readonly property int fontBody: 18
    readonly property int fontKey: 26            // the recovery key, read group by group
    readonly property int fontTitle: 28

    // Spacing scale.
    readonly property int spacingLine: 2         // between the lines of one item
    readonly property int spacingTight: 4        // a caption and its field; the rows of a dense list
    readonly property int spacingRow: 6          // the rows of a list of tappable items
    readonly property int spacingSmall: 8        // controls in one group
    readonly property int spacing: 16
    readonly property int rowPadding: 12         // a list row around the field it holds
    readonly property int radius: 8
    readonly property int bannerBorder: 2        // the edge of a save's confirmation floating over the list
    readonly property int focusBorder: 2         // a PIN display that has the keyboard
    readonly property int borderWidth: 1
    readonly property int borderWidthChosen: 2   // the chosen row's outline

    // Widths shared by several screens.
    readonly property int fieldWidth: 420        // a form field; equal columns in a two-column form
    readonly property int infoLabelWidth: 200    // InfoRow's label
    readonly property int countFieldWidth: 200   // a count typed beside its product (shelf count, inventory)
    readonly property int pageMaxWidth: 900      // a page of text and fields (first run, restore), a result line
    readonly property int dialogWidth: 720       // a summary or correction dialog, at most
    readonly property int dialogWidthNarrow: 560
    readonly property int dialogWidthWide: 760
    // A dialog with fields and the PIN pad that signs them, side by side: its keys and its actions fit a 768-high
    // window without scrolling.
    readonly property int dialogWidthSigned: 1100
    readonly property int pinColumnWidth: 300    // the PIN pad's column beside a dialog's fields
    readonly property int dialogInset: 40        // a dialog's room from the window's edges, both sides together

    // Colours.
    readonly property color background: "#f4f6f8"
    readonly property color surface: "#ffffff"
    readonly property color surfaceAlt: "#f7f9fb"          // every other row of a table
    readonly property color text: "#1b2430"
    readonly property color textMuted: "#5a6675"
    readonly property color accent: "#1f5f99"
    readonly property color textOnAccent: "white"          // on the accent (the header, the wizard's steps)
    readonly property color textOnAccentMuted: "#ddffffff"
    readonly property color headerBadge: "#22ffffff"       // the backup badge on the header, when all is well
    readonly property color headerBadgeBorder: "#88ffffff"
    readonly property color good: "#1e7a3c"
    readonly property color bad: "#b3261e"
    readonly property color badTint: "#fdecea"             // the row that opened a discrepancy
    readonly property color warning: "#8a5a00"             // in review, due soon, a count due
    readonly property color attention: "#ffb300"           // a banner's edge; the backup badge in trouble
    readonly property color attentionLight: "#ffe082"      // the troubled badge's edge
    readonly property color attentionBackground: "#fff3e0" // a banner that needs reading (replaced, kept aside)
    readonly property color textOnAttention: "#3e2723"     // on the troubled badge
    readonly property color border: "#d5dbe2"
    readonly property color selection: "#dbe8f5"           // the chosen or pressed row
    // One step lighter than `selection`, as the reports list and the theft-or-loss list have always been drawn.
    readonly property color selectionAlt: "#dce9f5"
    readonly property color voided: "#f3e9e9"              // a voided ledger entry
    readonly property color tooltipText: "white"
    readonly property color scrim: "#40000000"             // over the window while a PIN is checked
    readonly property color previewBackground: "#d9dde3"   // behind the pages of a report's preview

    // LockScreen.
    readonly property int personTileWidth: 240
    // AppHeader: the backup badge at most, and its details.
    readonly property int badgeWidth: 420
    // Dashboard: the balance in a product's row, the chosen product's actions.
    readonly property int balanceWidth: 200
    readonly property int actionsWidth: 300
    // FormPage: the fields in two columns from this width, never wider than formMaxWidth.
    readonly property int formTwoColumnsFrom: 640
    readonly property int formMaxWidth: 1100
    // ProductLedgerPage: the filters, and the columns (entry, when, kind, change, balance, who), tighter below
    // ledgerWideFrom (a 1024-wide panel).
    readonly property int ledgerKindWidth: 260
    readonly property int ledgerDateWidth: 220
    readonly property int ledgerWideFrom: 1200
    readonly property var ledgerColumns: [80, 170, 190, 100, 110, 150]
    readonly property var ledgerColumnsNarrow: [70, 150, 150, 80, 90, 110]
    // BalanceChart.
    readonly property int chartHeight: 140
    readonly property int chartPadding: 10
    readonly property int chartLineWidth: 2
    readonly property real chartDotRadius: 3.5
    readonly property int chartLabelX: 2         // the scale's label, from the top left corner
    readonly property int chartLabelY: 12
    readonly property color chartCount: "#c77700"          // a count or inventory on the chart
    // ReportsPage: the list of records, the dates.
    readonly property int reportListWidth: 420
    readonly property int reportListMinHeight: 200
    readonly property int reportDateWidth: 200
    // DiscrepancyQueue: the status column, the overdue reconciliations beside the queue.
    readonly property int queueStatusWidth: 170
    readonly property int overdueWidth: 360
    // DiscrepancyPage: the three figures, the entries around the count (when, who, what, quantity, balance after).
    readonly property int figureHeight: 84
    readonly property int tableRowHeight: 40
    readonly property var discrepancyColumns: [160, 180, 180, 90, 110]
    // TheftLossPanel and FilingRow: the reports list, the filing column, room for the worksheet's scroll bar.
    readonly property int theftLossListWidth: 320
    readonly property int filingWidth: 340
    readonly property int scrollBarRoom: 16
    // InventoryPanel: the due dates' date column.
    readonly property int dateColumnWidth: 110
    // InventoryCountPage: the signing dialog, its list and its PIN column.
    readonly property int inventorySignWidth: 820
    readonly property int inventoryListMinWidth: 380
    readonly property int inventoryPinWidth: 320
    // SetupWizardPage: the numbered steps and the lines between them, the three ways to start.
    readonly property int stepMarkSize: 32
    readonly property int stepLinkWidth: 40
    readonly property int stepLinkHeight: 2
    readonly property int choiceHeight: 96
    // SecurityPage: the audit copy's date.
    readonly property int copyDateWidth: 240
    readonly property int settingsSectionWidth: 260 // a Settings section's button
    readonly property int peopleListWidth: 400      // Settings > People: the list beside the changes
    // Settings > Products: the chosen product's panel beside the list; the list's number and status columns.
    readonly property int productDetailWidth: 380
    readonly property int productNumberWidth: 120
    readonly property int productStatusWidth: 90
    readonly property int importRejectedMinHeight: 96 // the refused rows of a checked import
    readonly property int importWhereWidth: 170         // a refused row's file and line
}
