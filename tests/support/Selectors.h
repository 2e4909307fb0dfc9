#pragma once
// Every objectName the C++ tests and the screenshot tool look up, in one place, grouped by the QML file that sets
// it. A renamed objectName is changed here and in its QML file; a test never spells one itself. Names a screen
// builds from data (a product's row, an entry, a PIN key) or a component builds from its own objectName (a
// FormField's input, a ChoiceField's box, a witness's PIN) have a helper that builds them the same way.

#include <QString>

namespace sel {
// CiiLedger/Main.qml
inline constexpr char kBusyOverlay[] = "busyOverlay";
inline constexpr char kRevokedBanner[] = "revokedBanner";
inline constexpr char kRevokedBannerText[] = "revokedBannerText";
inline constexpr char kStack[] = "stack";
inline constexpr char kTouchKeyboardLoader[] = "touchKeyboardLoader";

// CiiLedger/AppHeader.qml
inline constexpr char kBackupBadge[] = "backupBadge";
inline constexpr char kBackupBadgeText[] = "backupBadgeText";
inline constexpr char kBackupDetails[] = "backupDetails";
inline constexpr char kHeaderPerson[] = "headerPerson";
inline constexpr char kHeaderPharmacy[] = "headerPharmacy";
inline constexpr char kHeaderRole[] = "headerRole";
inline constexpr char kLockButton[] = "lockButton";
inline constexpr char kReportsButton[] = "reportsButton";
inline constexpr char kReviewButton[] = "reviewButton";
inline constexpr char kSettingsButton[] = "settingsButton";

// CiiLedger/LockScreen.qml
inline constexpr char kLockMessage[] = "lockMessage";
inline constexpr char kLockPrompt[] = "lockPrompt";
inline constexpr char kLockScreen[] = "lockScreen";
inline QString personTile(const QString &initials) { return QStringLiteral("personTile_") + initials; }

// CiiLedger/counter/AdjustForm.qml
inline constexpr char kAdjustDirectionField[] = "adjustDirectionField";
inline constexpr char kAdjustForm[] = "adjustForm";
inline constexpr char kAdjustPinField[] = "adjustPinField";
inline constexpr char kAdjustQuantityField[] = "adjustQuantityField";
inline constexpr char kAdjustReasonField[] = "adjustReasonField";
inline constexpr char kJustificationField[] = "justificationField";

// CiiLedger/counter/CountForm.qml
inline constexpr char kCountedField[] = "countedField";
inline constexpr char kCountForm[] = "countForm";

// CiiLedger/counter/Dashboard.qml
inline constexpr char kActionsWhyNot[] = "actionsWhyNot";
inline constexpr char kAdjustButton[] = "adjustButton";
inline constexpr char kBanner[] = "banner";
inline constexpr char kCorrectLastButton[] = "correctLastButton";
inline constexpr char kCountButton[] = "countButton";
inline constexpr char kDashboard[] = "dashboard";
inline constexpr char kDestroyButton[] = "destroyButton";
inline constexpr char kDispenseButton[] = "dispenseButton";
inline constexpr char kLedgerButton[] = "ledgerButton";
inline constexpr char kMovementButton[] = "movementButton";
inline constexpr char kReceiveButton[] = "receiveButton";
inline constexpr char kSearch[] = "search";
inline constexpr char kSelectedName[] = "selectedName";
inline constexpr char kShelfCountButton[] = "shelfCountButton";
inline constexpr char kTheftLossButton[] = "theftLossButton";
inline constexpr char kWasteButton[] = "wasteButton";
inline QString balance(const QString &ndc11) { return QStringLiteral("balance_") + ndc11; }
inline QString product(const QString &ndc11) { return QStringLiteral("product_") + ndc11; }

// CiiLedger/counter/DestroyForm.qml
inline constexpr char kDestroyForm[] = "destroyForm";
inline constexpr char kDestroyLocationField[] = "destroyLocationField";
inline constexpr char kDestroyMethodField[] = "destroyMethodField";
inline constexpr char kDestroyPackagesField[] = "destroyPackagesField";
inline constexpr char kDestroyUnitsField[] = "destroyUnitsField";
inline constexpr char kFirstWitness[] = "firstWitness";
inline constexpr char kSecondWitness[] = "secondWitness";

// CiiLedger/counter/DispenseForm.qml
inline constexpr char kDispenseForm[] = "dispenseForm";
inline constexpr char kOverrideCheck[] = "overrideCheck";
inline constexpr char kOverrideWhyNot[] = "overrideWhyNot";
inline constexpr char kOverridePinField[] = "overridePinField";
inline constexpr char kOverrideReasonField[] = "overrideReasonField";
inline constexpr char kPrescribedField[] = "prescribedField";
inline constexpr char kQuantityField[] = "quantityField";
inline constexpr char kRxField[] = "rxField";
inline constexpr char kWrittenField[] = "writtenField";
inline constexpr char kPrescriberField[] = "prescriberField";
inline constexpr char kPrescriberDeaField[] = "prescriberDeaField";
inline constexpr char kPartialKindField[] = "partialKindField";

// CiiLedger/counter/FormPage.qml
inline constexpr char kCancelButton[] = "cancelButton";
inline constexpr char kConfirmSaveButton[] = "confirmSaveButton";
inline constexpr char kFormMessage[] = "formMessage";
inline constexpr char kFormNotice[] = "formNotice";
inline constexpr char kSaveButton[] = "saveButton";
inline constexpr char kSummaryBackButton[] = "summaryBackButton";
inline constexpr char kSummaryContent[] = "summaryContent";

// CiiLedger/counter/MovementForm.qml
inline constexpr char kMovementForm[] = "movementForm";
inline constexpr char kMovementKindField[] = "movementKindField";
inline constexpr char kMovementOrderField[] = "movementOrderField";
inline constexpr char kMovementQuantityField[] = "movementQuantityField";
inline constexpr char kPartyDeaField[] = "partyDeaField";
inline constexpr char kPartyField[] = "partyField";

// CiiLedger/counter/ReceiveForm.qml
inline constexpr char kExpiryField[] = "expiryField";
inline constexpr char kLotField[] = "lotField";
inline constexpr char kOrderField[] = "orderField";
inline constexpr char kPackagesField[] = "packagesField";
inline constexpr char kReceiveForm[] = "receiveForm";
inline constexpr char kSupplierDeaField[] = "supplierDeaField";
inline constexpr char kSupplierField[] = "supplierField";
inline constexpr char kShippedField[] = "shippedField";
inline constexpr char kSupplierToldField[] = "supplierToldField";

// CiiLedger/counter/ShelfCountPage.qml
inline constexpr char kShelfCancelButton[] = "shelfCancelButton";
inline constexpr char kShelfConfirmButton[] = "shelfConfirmButton";
inline constexpr char kShelfCountPage[] = "shelfCountPage";
inline constexpr char kShelfMessage[] = "shelfMessage";
inline constexpr char kShelfNotice[] = "shelfNotice";
inline constexpr char kCountAgainContent[] = "countAgainContent";
inline constexpr char kCountAgainText[] = "countAgainText";
inline constexpr char kCountAgainButton[] = "countAgainButton";
inline constexpr char kRecordAsCountedButton[] = "recordAsCountedButton";
inline QString countDue(const QString &ndc11) { return QStringLiteral("countDue_") + ndc11; }
inline QString belowReorder(const QString &ndc11) { return QStringLiteral("belowReorder_") + ndc11; }
inline constexpr char kShelfSaveButton[] = "shelfSaveButton";
inline constexpr char kShelfSummaryContent[] = "shelfSummaryContent";
inline QString shelfCount(const QString &ndc11) { return QStringLiteral("shelfCount_") + ndc11; }

// CiiLedger/counter/TheftLossForm.qml
inline constexpr char kCircumstancesField[] = "circumstancesField";
inline constexpr char kLossPinField[] = "lossPinField";
inline constexpr char kLossQuantityField[] = "lossQuantityField";
inline constexpr char kLossTypeField[] = "lossTypeField";
inline constexpr char kLossKindField[] = "lossKindField";
inline constexpr char kPoliceReportField[] = "policeReportField";
inline constexpr char kTheftLossForm[] = "theftLossForm";

// CiiLedger/counter/WasteForm.qml
inline constexpr char kWasteForm[] = "wasteForm";
inline constexpr char kWasteNoteField[] = "wasteNoteField";
inline constexpr char kWasteQuantityField[] = "wasteQuantityField";
inline constexpr char kWasteReasonField[] = "wasteReasonField";
inline constexpr char kWasteWitness[] = "wasteWitness";

// CiiLedger/counter/WitnessField.qml
inline QString witnessPerson(const QString &name) { return name + QStringLiteral("Person"); }
inline QString witnessPin(const QString &name) { return name + QStringLiteral("Pin"); }

// CiiLedger/firstrun/SetupWizardPage.qml
inline constexpr char kSetupWizard[] = "setupWizard";
inline constexpr char kWizardActivate[] = "wizardActivate";
inline constexpr char kWizardActivatedFor[] = "wizardActivatedFor";
inline constexpr char kWizardActivateProblem[] = "wizardActivateProblem";
inline constexpr char kWizardAddress[] = "wizardAddress";
inline constexpr char kWizardCheckImport[] = "wizardCheckImport";
inline constexpr char kWizardChooseProblem[] = "wizardChooseProblem";
inline constexpr char kWizardCa[] = "wizardCa";
inline constexpr char kWizardCode[] = "wizardCode";
inline constexpr char kWizardConfirm[] = "wizardConfirm";
inline constexpr char kWizardConfirmProblem[] = "wizardConfirmProblem";
inline constexpr char kWizardDea[] = "wizardDea";
inline constexpr char kWizardDone[] = "wizardDone";
inline constexpr char kWizardDoneBackup[] = "wizardDoneBackup";
inline constexpr char kWizardDoneHeading[] = "wizardDoneHeading";
inline constexpr char kWizardGroupA[] = "wizardGroupA";
inline constexpr char kWizardGroupB[] = "wizardGroupB";
inline constexpr char kWizardImportFile[] = "wizardImportFile";
inline constexpr char kWizardImportPin[] = "wizardImportPin";
inline constexpr char kWizardImportProblem[] = "wizardImportProblem";
inline constexpr char kWizardImportSummary[] = "wizardImportSummary";
inline constexpr char kWizardKeyKept[] = "wizardKeyKept";
inline constexpr char kWizardMakeKey[] = "wizardMakeKey";
inline constexpr char kWizardName[] = "wizardName";
inline constexpr char kWizardPicInitials[] = "wizardPicInitials";
inline constexpr char kWizardPicName[] = "wizardPicName";
inline constexpr char kWizardPin[] = "wizardPin";
inline constexpr char kWizardPinAgain[] = "wizardPinAgain";
inline constexpr char kWizardProfileProblem[] = "wizardProfileProblem";
inline constexpr char kWizardRecordImport[] = "wizardRecordImport";
inline constexpr char kWizardRecoveryKey[] = "wizardRecoveryKey";
inline constexpr char kWizardRecoveryProblem[] = "wizardRecoveryProblem";
inline constexpr char kWizardSaveTemplate[] = "wizardSaveTemplate";
inline constexpr char kWizardService[] = "wizardService";
inline constexpr char kWizardSetUp[] = "wizardSetUp";
inline constexpr char kWizardSheetPath[] = "wizardSheetPath";
inline constexpr char kWizardSheetSaved[] = "wizardSheetSaved";
inline constexpr char kWizardSkipActivation[] = "wizardSkipActivation";
inline constexpr char kWizardSkipMeaning[] = "wizardSkipMeaning";
inline constexpr char kWizardState[] = "wizardState";
inline constexpr char kWizardTemplateSaved[] = "wizardTemplateSaved";
inline constexpr char kWizardZone[] = "wizardZone";
inline QString wizardChoose(const QString &choice) { return QStringLiteral("wizardChoose_") + choice; }

// CiiLedger/records/ProductLedgerPage.qml
inline constexpr char kBackButton[] = "backButton";
inline constexpr char kBalanceChart[] = "balanceChart";
inline constexpr char kChosenEntry[] = "chosenEntry";
inline constexpr char kCorrectButton[] = "correctButton";
inline constexpr char kFromDate[] = "fromDate";
inline constexpr char kLedgerPage[] = "ledgerPage";
inline constexpr char kReturnButton[] = "returnButton";
inline QString balanceAfter(qint64 seq) { return QStringLiteral("balanceAfter_%1").arg(seq); }
inline QString entry(qint64 seq) { return QStringLiteral("entry_%1").arg(seq); }
inline QString reference(qint64 seq) { return QStringLiteral("reference_%1").arg(seq); }

// CiiLedger/records/ReportsPage.qml
inline constexpr char kMakeReportButton[] = "makeReportButton";
inline constexpr char kReportFrom[] = "reportFrom";
inline constexpr char kReportMessage[] = "reportMessage";
inline constexpr char kReportPages[] = "reportPages";
inline constexpr char kReportPreview[] = "reportPreview";
inline constexpr char kReportsPage[] = "reportsPage";
inline constexpr char kReportTo[] = "reportTo";
inline QString report(const QString &kind) { return QStringLiteral("report_") + kind; }

// CiiLedger/records/ReturnToStockDialog.qml
inline constexpr char kReturnCancel[] = "returnCancel";
inline constexpr char kReturnDialogContent[] = "returnDialogContent";
inline constexpr char kReturnMessage[] = "returnMessage";
inline constexpr char kReturnQuantity[] = "returnQuantity";
inline constexpr char kReturnReason[] = "returnReason";
inline constexpr char kReturnSave[] = "returnSave";

// CiiLedger/records/VoidDialog.qml
inline constexpr char kVoidCancel[] = "voidCancel";
inline constexpr char kVoidDialogContent[] = "voidDialogContent";
inline constexpr char kVoidMessage[] = "voidMessage";
inline constexpr char kVoidReason[] = "voidReason";

// CiiLedger/restore/RestorePage.qml
inline constexpr char kReportEvents[] = "reportEvents";
inline constexpr char kReportVerification[] = "reportVerification";
inline constexpr char kRestoreBack[] = "restoreBack";
inline constexpr char kRestoreCode[] = "restoreCode";
inline constexpr char kRestoreFormProblem[] = "restoreFormProblem";
inline constexpr char kRestoreKeepAside[] = "restoreKeepAside";
inline constexpr char kRestoreKey[] = "restoreKey";
inline constexpr char kRestoreOpen[] = "restoreOpen";
inline constexpr char kRestorePage[] = "restorePage";
inline constexpr char kRestoreProblem[] = "restoreProblem";
inline constexpr char kRestoreRetry[] = "restoreRetry";
inline constexpr char kRestoreService[] = "restoreService";
inline constexpr char kRestoreStart[] = "restoreStart";
inline constexpr char kRestoreStartOver[] = "restoreStartOver";

// CiiLedger/review/DiscrepancyPage.qml
inline constexpr char kDiscrepancyBack[] = "discrepancyBack";
inline constexpr char kDiscrepancyEntries[] = "discrepancyEntries";
inline constexpr char kDiscrepancyPage[] = "discrepancyPage";
inline constexpr char kDiscrepancyStatus[] = "discrepancyStatus";
inline constexpr char kEscalateButton[] = "escalateButton";
inline constexpr char kResolution[] = "resolution";
inline constexpr char kResolveButton[] = "resolveButton";
inline constexpr char kReviewNoteField[] = "reviewNoteField";
inline constexpr char kStartReviewButton[] = "startReviewButton";
inline constexpr char kWhoResolves[] = "whoResolves";
inline QString figureValue(const QString &figure) { return QStringLiteral("figureValue_") + figure; }

// CiiLedger/review/DiscrepancyQueue.qml
inline constexpr char kDiscrepancyQueue[] = "discrepancyQueue";
inline constexpr char kOverdueSummary[] = "overdueSummary";
inline constexpr char kOverdueList[] = "overdueList";
inline constexpr char kCountedTodaySummary[] = "countedTodaySummary";
inline constexpr char kQueueCount[] = "queueCount";
inline constexpr char kSortSize[] = "sortSize";
inline QString discrepancy(qint64 id) { return QStringLiteral("discrepancy_%1").arg(id); }
inline QString filter(const QString &status) { return QStringLiteral("filter_") + status; }

// CiiLedger/review/FilingRow.qml
inline QString filingDate(const QString &name) { return name + QStringLiteral("Date"); }
inline QString filingRecord(const QString &name) { return name + QStringLiteral("Record"); }
inline QString filingReference(const QString &name) { return name + QStringLiteral("Reference"); }
inline QString filingState(const QString &name) { return name + QStringLiteral("State"); }

// CiiLedger/review/InventoryCountPage.qml
inline constexpr char kInventoryCancelButton[] = "inventoryCancelButton";
inline constexpr char kInventoryCounter1Person[] = "inventoryCounter1Person";
inline constexpr char kInventoryCounter2Person[] = "inventoryCounter2Person";
inline constexpr char kInventoryCounter2Pin[] = "inventoryCounter2Pin";
inline constexpr char kInventoryCountPage[] = "inventoryCountPage";
inline constexpr char kInventoryDiscard[] = "inventoryDiscard";
inline constexpr char kInventoryKeepCounting[] = "inventoryKeepCounting";
inline constexpr char kInventoryLeaveContent[] = "inventoryLeaveContent";
inline constexpr char kInventoryMessage[] = "inventoryMessage";
inline constexpr char kInventoryNotice[] = "inventoryNotice";
inline constexpr char kInventoryProgress[] = "inventoryProgress";
inline constexpr char kInventorySaveButton[] = "inventorySaveButton";
inline constexpr char kInventoryBackButton[] = "inventoryBackButton";
inline constexpr char kInventorySummaryContent[] = "inventorySummaryContent";
inline constexpr char kInventorySummaryMessage[] = "inventorySummaryMessage";
inline QString inventoryCount(const QString &ndc11) { return QStringLiteral("inventoryCount_") + ndc11; }

// CiiLedger/review/InventoryPanel.qml
inline constexpr char kInventoryPanel[] = "inventoryPanel";
inline constexpr char kLastReconciliation[] = "lastReconciliation";
inline constexpr char kStartBiennial[] = "startBiennial";
inline constexpr char kStartReconciliation[] = "startReconciliation";

// CiiLedger/review/ResolveDialog.qml
inline constexpr char kEscalateDiscovered[] = "escalateDiscovered";
inline constexpr char kEscalateKind[] = "escalateKind";
inline constexpr char kEscalatePolice[] = "escalatePolice";
inline constexpr char kEscalateType[] = "escalateType";
inline constexpr char kResolveCancel[] = "resolveCancel";
inline constexpr char kResolveDialogContent[] = "resolveDialogContent";
inline constexpr char kResolveMessage[] = "resolveMessage";
inline constexpr char kResolveNote[] = "resolveNote";
inline constexpr char kResolveReason[] = "resolveReason";
inline constexpr char kResolveRecounted[] = "resolveRecounted";

// CiiLedger/review/SupervisorPage.qml
inline constexpr char kSupervisorPage[] = "supervisorPage";
inline constexpr char kTabInventory[] = "tabInventory";
inline constexpr char kTabTheftLoss[] = "tabTheftLoss";

// CiiLedger/review/TheftLossPanel.qml
inline constexpr char kForm106Worksheet[] = "form106Worksheet";
inline constexpr char kFormFiling[] = "formFiling";
inline constexpr char kLossMessage[] = "lossMessage";
inline constexpr char kNoticeFiling[] = "noticeFiling";
inline constexpr char kW106Dea[] = "w106Dea";
inline constexpr char kW106Discovery[] = "w106Discovery";
inline constexpr char kW106Name[] = "w106Name";
inline constexpr char kW106Ndc[] = "w106Ndc";
inline constexpr char kW106Quantity[] = "w106Quantity";
inline constexpr char kW106Kind[] = "w106Kind";
inline constexpr char kW106Police[] = "w106Police";
inline constexpr char kWorksheetPdfButton[] = "worksheetPdfButton";
inline constexpr char kWorksheetPdfState[] = "worksheetPdfState";

// CiiLedger/settings/SecurityPage.qml
inline constexpr char kCopyDate[] = "copyDate";
inline constexpr char kCopyFolder[] = "copyFolder";
inline constexpr char kCopyKey[] = "copyKey";
inline constexpr char kCopyResult[] = "copyResult";
inline constexpr char kCopyStart[] = "copyStart";
inline constexpr char kRestoreFromCloudButton[] = "restoreFromCloudButton";
inline constexpr char kSecurityBack[] = "securityBack";
inline constexpr char kSecurityPage[] = "securityPage";
inline constexpr char kSettingsPage[] = "settingsPage";
inline constexpr char kSettingsSecurity[] = "settingsSecurity";
inline constexpr char kSettingsBack[] = "settingsBack";
inline constexpr char kSecurityRefusal[] = "securityRefusal";
inline constexpr char kSettingsBackup[] = "settingsBackup";
inline constexpr char kSettingsProfile[] = "settingsProfile";

// CiiLedger/settings/BackupPage.qml
inline constexpr char kBackupPage[] = "backupPage";
inline constexpr char kBackupBack[] = "backupBack";
inline constexpr char kBackupStateBox[] = "backupStateBox";
inline constexpr char kBackupState[] = "backupState";
inline constexpr char kBackupWaiting[] = "backupWaiting";
inline constexpr char kBackupLastAck[] = "backupLastAck";
inline constexpr char kBackupService[] = "backupService";
inline constexpr char kBackupDetail[] = "backupDetail";
inline constexpr char kBackupNow[] = "backupNow";
inline constexpr char kBackupReadOnly[] = "backupReadOnly";
inline constexpr char kBackupServiceUrl[] = "backupServiceUrl";
inline constexpr char kBackupCode[] = "backupCode";
inline constexpr char kBackupCa[] = "backupCa";
inline constexpr char kBackupActivate[] = "backupActivate";
inline constexpr char kBackupActivateProblem[] = "backupActivateProblem";
inline constexpr char kBackupKeyState[] = "backupKeyState";
inline constexpr char kBackupSheetPath[] = "backupSheetPath";
inline constexpr char kBackupMakeKey[] = "backupMakeKey";
inline constexpr char kBackupRecoveryKey[] = "backupRecoveryKey";
inline constexpr char kBackupSheetSaved[] = "backupSheetSaved";
inline constexpr char kBackupKeyProblem[] = "backupKeyProblem";
inline constexpr char kBackupKeyKept[] = "backupKeyKept";
inline constexpr char kBackupReplaceContent[] = "backupReplaceContent";
inline constexpr char kBackupReplaceWarning[] = "backupReplaceWarning";
inline constexpr char kBackupReplaceConfirm[] = "backupReplaceConfirm";
inline constexpr char kBackupReplaceCancel[] = "backupReplaceCancel";

// CiiLedger/settings/ProfilePage.qml
inline constexpr char kProfilePage[] = "profilePage";
inline constexpr char kProfileBack[] = "profileBack";
inline constexpr char kProfileReadOnly[] = "profileReadOnly";
inline constexpr char kProfileName[] = "profileName";
inline constexpr char kProfileAddress[] = "profileAddress";
inline constexpr char kProfileDea[] = "profileDea";
inline constexpr char kProfileDeaExpiry[] = "profileDeaExpiry";
inline constexpr char kProfileState[] = "profileState";
inline constexpr char kProfileLicenseExpiry[] = "profileLicenseExpiry";
inline constexpr char kProfileZone[] = "profileZone";
inline constexpr char kProfileCadence[] = "profileCadence";
inline constexpr char kProfileIdle[] = "profileIdle";
inline constexpr char kProfileMessage[] = "profileMessage";
inline constexpr char kProfileSave[] = "profileSave";
inline constexpr char kProfileUndo[] = "profileUndo";
inline constexpr char kProfileSignDialog[] = "profileSignDialog";
inline constexpr char kProfileSignContent[] = "profileSignContent";
inline constexpr char kProfilePinPad[] = "profilePinPad";
inline constexpr char kProfileSignMessage[] = "profileSignMessage";
inline constexpr char kProfileSignCancel[] = "profileSignCancel";

// CiiLedger/settings/PeoplePage.qml and ResetPinDialog.qml
inline constexpr char kSettingsPeople[] = "settingsPeople";
inline constexpr char kPeoplePage[] = "peoplePage";
inline constexpr char kPeopleBack[] = "peopleBack";
inline constexpr char kPeopleAddButton[] = "peopleAddButton";
inline constexpr char kPeopleReadOnly[] = "peopleReadOnly";
inline constexpr char kPeopleList[] = "peopleList";
inline constexpr char kPeopleMessage[] = "peopleMessage";
inline constexpr char kPeopleSignatureField[] = "peopleSignatureField";
inline constexpr char kPersonNameField[] = "personNameField";
inline constexpr char kPersonInitialsField[] = "personInitialsField";
inline constexpr char kPersonRoleField[] = "personRoleField";
inline constexpr char kPersonSecretKindField[] = "personSecretKindField";
inline constexpr char kPersonPinField[] = "personPinField";
inline constexpr char kPersonPinAgainField[] = "personPinAgainField";
inline constexpr char kPersonPasswordField[] = "personPasswordField";
inline constexpr char kPersonPasswordAgainField[] = "personPasswordAgainField";
inline constexpr char kPersonAddButton[] = "personAddButton";
inline constexpr char kPersonHeading[] = "personHeading";
inline constexpr char kPersonNewRoleField[] = "personNewRoleField";
inline constexpr char kPersonChangeRoleButton[] = "personChangeRoleButton";
inline constexpr char kPersonReasonField[] = "personReasonField";
inline constexpr char kPersonDeactivateButton[] = "personDeactivateButton";
inline constexpr char kPersonResetPinButton[] = "personResetPinButton";
inline constexpr char kResetPinDialog[] = "resetPinDialog";
inline constexpr char kResetPinDialogContent[] = "resetPinDialogContent";
inline constexpr char kResetPinPrompt[] = "resetPinPrompt";
inline constexpr char kResetPinMessage[] = "resetPinMessage";
inline constexpr char kResetPinCancel[] = "resetPinCancel";
/// A person's row in the list: by initials, "_deactivated" after them once deactivated.
inline QString personRow(const QString &initials, bool active = true)
{
    return QStringLiteral("personRow_") + initials + (active ? QString() : QStringLiteral("_deactivated"));
}
inline QString personStatus(const QString &initials, bool active = true)
{
    return QStringLiteral("personStatus_") + initials + (active ? QString() : QStringLiteral("_deactivated"));
}

// CiiLedger/settings/SettingsPage.qml (its Products section) and ProductsPage.qml
inline constexpr char kSettingsProducts[] = "settingsProducts";
inline constexpr char kProductsPage[] = "productsPage";
inline constexpr char kProductsBack[] = "productsBack";
inline constexpr char kProductsWhoMay[] = "productsWhoMay";
inline constexpr char kProductsTabList[] = "productsTabList";
inline constexpr char kProductsTabImport[] = "productsTabImport";
inline constexpr char kProductsTabAdd[] = "productsTabAdd";
inline constexpr char kProductsSearch[] = "productsSearch";
inline constexpr char kProductsList[] = "productsList";
inline constexpr char kProductsCount[] = "productsCount";
inline constexpr char kProductDetail[] = "productDetail";
inline constexpr char kProductDetailName[] = "productDetailName";
inline constexpr char kProductDeactivate[] = "productDeactivate";
inline constexpr char kProductDeactivateWhy[] = "productDeactivateWhy";
inline constexpr char kProductReactivate[] = "productReactivate";
inline constexpr char kProductReorderPoint[] = "productReorderPoint";
inline constexpr char kProductReorderSave[] = "productReorderSave";
inline constexpr char kProductResult[] = "productResult";
inline QString productRow(const QString &ndc11) { return QStringLiteral("productRow_") + ndc11; }

// CiiLedger/settings/ProductsImportPanel.qml
inline constexpr char kProductsImportPanel[] = "productsImportPanel";
inline constexpr char kImportFileDialog[] = "importFileDialog";
inline constexpr char kImportFolderDialog[] = "importFolderDialog";
inline constexpr char kImportPath[] = "importPath";
inline constexpr char kImportChooseFiles[] = "importChooseFiles";
inline constexpr char kImportChooseFolder[] = "importChooseFolder";
inline constexpr char kImportCheck[] = "importCheck";
inline constexpr char kImportProgress[] = "importProgress";
inline constexpr char kImportRefusal[] = "importRefusal";
inline constexpr char kImportSummary[] = "importSummary";
inline constexpr char kImportRejected[] = "importRejected";
inline constexpr char kImportAccept[] = "importAccept";
inline constexpr char kImportDiscard[] = "importDiscard";
inline QString importRejected(int index) { return QStringLiteral("importRejected_") + QString::number(index); }

// CiiLedger/settings/ProductAddPanel.qml
inline constexpr char kProductAddPanel[] = "productAddPanel";
inline constexpr char kAddNdc[] = "addNdc";
inline constexpr char kAddName[] = "addName";
inline constexpr char kAddStrength[] = "addStrength";
inline constexpr char kAddForm[] = "addForm";
inline constexpr char kAddPackageSize[] = "addPackageSize";
inline constexpr char kAddUnit[] = "addUnit";
inline constexpr char kAddExisting[] = "addExisting";
inline constexpr char kAddSave[] = "addSave";
inline constexpr char kAddWhy[] = "addWhy";
inline constexpr char kAddResult[] = "addResult";

// CiiLedger/settings/StoreStatusPanel.qml
inline constexpr char kStoreError[] = "storeError";
inline constexpr char kStoreErrorHint[] = "storeErrorHint";
inline constexpr char kStoreHeading[] = "storeHeading";
inline constexpr char kStoreRestoreButton[] = "storeRestoreButton";
inline constexpr char kVerifyButton[] = "verifyButton";
inline constexpr char kVerifyResult[] = "verifyResult";

// Components/ChoiceField.qml
inline QString box(const QString &field) { return field + QStringLiteral("Box"); }

// Components/DiscardDialog.qml
inline constexpr char kDiscardButton[] = "discardButton";
inline constexpr char kDiscardQuestion[] = "discardQuestion";
inline constexpr char kKeepEditingButton[] = "keepEditingButton";

// Components/FormField.qml
inline QString input(const QString &field) { return field + QStringLiteral("Input"); }
inline QString problem(const QString &field) { return field + QStringLiteral("Problem"); }

// Components/InfoRow.qml
inline QString value(const QString &infoRow) { return QStringLiteral("value_") + infoRow; }

// Components/NumericKeypad.qml
inline QString keypad(const QString &key) { return QStringLiteral("keypad_") + key; }

// Components/PinPad.qml
inline constexpr char kPinDots[] = "pinDots";
inline constexpr char kPinOk[] = "pinOk";
inline QString pinKey(const QString &digit) { return QStringLiteral("pinKey") + digit; }

} // namespace sel
