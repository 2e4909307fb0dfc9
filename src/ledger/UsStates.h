#pragma once

#include <QString>
#include <QStringList>

namespace cii {

/// A US state, district or territory a pharmacy registers in: its two-letter postal code, its name, and the time
/// zone most of its pharmacies keep (the profile's default; a pharmacy in a state's other zone chooses its own).
struct UsState
{
    QString code, name, zone;
};

/// The 50 states, DC, Puerto Rico, Guam and the US Virgin Islands, by name.
const QList<UsState> &usStates();
/// The state with this code (as typed: trimmed, any case), or null.
const UsState *usState(const QString &code);
/// The zones usStates() name, each once, east to west: what the profile offers.
QStringList usTimeZones();

} // namespace cii
