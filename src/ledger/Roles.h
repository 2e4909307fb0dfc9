#pragma once

#include <QString>
#include <optional>

namespace cii {

enum class Role { Technician, Pharmacist, PharmacistInCharge, Owner };

/// What a command needs. Checked in C++ for every command (Ledger, People), never only hidden in QML.
enum class Action {
    Receive, Dispense, ReturnToStock, Count, Waste,
    Adjust, Correct, ManageCatalog, Transfer, Destroy, ReportTheftLoss, DispenseOverride, ReviewDiscrepancy,
    ResolveDiscrepancy, TakeInventory, ManagePeople, ConfigurePharmacy, ExportRecords, SetAside, ClosePrescription, VerifyDispense,
};

QString roleName(Role role);          ///< "technician", "pharmacist", "pharmacist-in-charge", "owner"
QString roleTitle(Role role);         ///< "Technician", "Pharmacist", "Pharmacist-in-charge", "Owner"
std::optional<Role> roleFromName(const QString &name);
bool isAllowed(Role role, Action action);
QString actionDescription(Action action); ///< "record an adjustment", for refusal messages

} // namespace cii
