#pragma once

#include <QJsonObject>

namespace cii {
class Store;
struct Args;

/// ciictl's read commands for scripts and support: what the app's screens show, as text or JSON. They read only
/// and need no one signed in, as `balance` and `search` do (the store's key already stands between them and the
/// records). Each returns {"message": text, ...} or throws CiiError.

/// `products`: the whole catalog, active or not, each with its balance on hand.
QJsonObject listProducts(Store &store);
/// `rx --rx RX`: a prescription's fills and returns, what was prescribed and what is left.
QJsonObject listRxFills(Store &store, const QString &rx);
/// `entries --ndc NDC [--from DATE] [--to DATE] [--limit N]`: a product's entries, newest first, with running
/// balances; the dates are the pharmacy's days (its time zone).
QJsonObject listEntries(Store &store, const Args &args);
/// `to-verify`: technicians' dispenses waiting for a pharmacist's verification, oldest first.
QJsonObject listToVerify(Store &store);
/// `due`: every due date the records know of, earliest first, overdue ones marked.
QJsonObject listDueDates(Store &store);
/// `profile`: the pharmacy profile and its settings (time zone, reconciliation cadence).
QJsonObject showProfile(Store &store);

} // namespace cii
