#include "Roles.h"

namespace cii {

QString roleName(Role role)
{
    switch (role) {
    case Role::Technician: return QStringLiteral("technician");
    case Role::Pharmacist: return QStringLiteral("pharmacist");
    case Role::PharmacistInCharge: return QStringLiteral("pharmacist-in-charge");
    case Role::Owner: return QStringLiteral("owner");
    }
    return {};
}

QString roleTitle(Role role)
{
    QString t = roleName(role);
    t[0] = t[0].toUpper();
    return t;
}

std::optional<Role> roleFromName(const QString &name)
{
    for (Role r : {Role::Technician, Role::Pharmacist, Role::PharmacistInCharge, Role::Owner})
        if (roleName(r) == name)
            return r;
    return std::nullopt;
}

bool isAllowed(Role role, Action action)
{
    switch (action) {
    case Action::Receive:
    case Action::Dispense:
    case Action::ReturnToStock:
    case Action::Count:
    case Action::Waste:
        return role != Role::Owner; // the owner manages the pharmacy; pharmacy staff handle stock
    case Action::Adjust:
    case Action::Correct:
    case Action::Transfer:
    case Action::Destroy:
    case Action::SetAside:
    case Action::ReportTheftLoss:
    case Action::DispenseOverride:
    case Action::ReviewDiscrepancy:
    case Action::ClosePrescription:
    case Action::VerifyDispense:
        return role == Role::Pharmacist || role == Role::PharmacistInCharge;
    case Action::ManageCatalog:
        return role != Role::Technician;
    case Action::ResolveDiscrepancy:
    case Action::TakeInventory:
        return role == Role::PharmacistInCharge;
    case Action::ManagePeople:
    case Action::ConfigurePharmacy:
        return role == Role::PharmacistInCharge || role == Role::Owner;
    case Action::ExportRecords: // records name patients' prescriptions: pharmacists and the owner, not technicians
        return role != Role::Technician;
    }
    return false;
}

QString actionDescription(Action action)
{
    switch (action) {
    case Action::Receive: return QStringLiteral("record a receipt");
    case Action::Dispense: return QStringLiteral("record a dispense");
    case Action::ReturnToStock: return QStringLiteral("return a dispense to stock");
    case Action::Count: return QStringLiteral("record a count");
    case Action::Waste: return QStringLiteral("record waste");
    case Action::Transfer: return QStringLiteral("record a transfer or a return to a supplier");
    case Action::Destroy: return QStringLiteral("record a destruction");
    case Action::SetAside: return QStringLiteral("set stock aside for disposal");
    case Action::ReportTheftLoss: return QStringLiteral("report a theft or loss");
    case Action::DispenseOverride: return QStringLiteral("dispense over the recorded balance");
    case Action::ReviewDiscrepancy: return QStringLiteral("review a discrepancy");
    case Action::TakeInventory: return QStringLiteral("sign an inventory");
    case Action::Adjust: return QStringLiteral("record an adjustment");
    case Action::Correct: return QStringLiteral("correct an entry");
    case Action::ManageCatalog: return QStringLiteral("change the catalog");
    case Action::ResolveDiscrepancy: return QStringLiteral("resolve a discrepancy");
    case Action::ManagePeople: return QStringLiteral("manage people");
    case Action::ConfigurePharmacy: return QStringLiteral("change the pharmacy profile");
    case Action::ExportRecords: return QStringLiteral("print or export records");
    case Action::ClosePrescription: return QStringLiteral("close the rest of a prescription");
    case Action::VerifyDispense: return QStringLiteral("verify a dispense");
    }
    return {};
}

} // namespace cii
