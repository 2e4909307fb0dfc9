#pragma once

#include <functional>

#include "Clock.h"
#include "FileKeyStore.h"
#include "Store.h"

#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <memory>

struct sqlite3;

namespace cii::test {

/// A store in a fresh temporary folder, with its key in an owner-only key file in another temporary
/// folder, and a manual clock. Real SQLCipher files: nothing is mocked.
struct TempStore
{
    QTemporaryDir dataDir;
    QTemporaryDir keyDir;
    ManualClock clock{1'790'000'000'000}; // 2026-09-21 UTC
    std::unique_ptr<FileKeyStore> keys = std::make_unique<FileKeyStore>(keyDir.path());

    std::unique_ptr<Store> open(bool create = true, int schemaVersion = -1, bool withProjections = true);
    QString dbPath() const { return Store::databasePath(dataDir.path()); }
    QByteArray rawKey();
};

/// A raw connection to a store file opened with its key, outside the Store: for tampering in tests.
class RawConnection
{
public:
    RawConnection(const QString &path, const QByteArray &key);
    ~RawConnection();
    /// Runs SQL; returns the SQLite message on failure, empty on success.
    QString exec(const QString &sql);
    sqlite3 *handle() const { return m_db; }

private:
    sqlite3 *m_db = nullptr;
};

/// One run of the built ciictl (the CIICTL environment variable names it), with `in` on its standard input.
/// `keepEventLoop`: this thread's events go on meanwhile (a FaultProxy of this thread between ciictl and the
/// service keeps working); otherwise the thread just waits.
struct CliRun
{
    int exitCode = -1;
    QString out, err;
};
CliRun runCiictl(const QProcessEnvironment &env, const QStringList &args, const QByteArray &in = {}, bool keepEventLoop = false);

/// The text of a PDF as poppler's pdftotext reads it (scripts/packages.txt installs it); empty if it could not.
QString pdfText(const QString &path);

/// What `f` was refused with (CiiError::userText()), or "(not refused)".
QString refusalText(const std::function<void()> &f);
/// What the store answers when `sql` is refused (the database's own message and the reason); empty when it runs.
QString refusalOf(Store &store, const char *sql);

/// Reads a whole file (empty when missing).
QByteArray readAll(const QString &path);

/// The first column of the first row `sql` gives, with `bind` (when given) as its one parameter; -1 when no row.
qint64 scalar(Store &store, const char *sql, const QString &bind = {});
/// The same as text; empty when no row.
QString scalarText(Store &store, const char *sql);

/// Rebuilds every projection from the journal and verifies the store; empty when the rebuilt state equals the
/// live one and the journal and projections check out, otherwise what differed.
QString rebuildMismatch(Store &store);

} // namespace cii::test

#include "Ledger.h"

namespace cii::test {

/// A set-up pharmacy over a TempStore: a pharmacist-in-charge (PIN 1234), a pharmacist (2345), a technician
/// (3456) and an owner (password), each signed in, and one product (oxycodone 5 mg, 100 per bottle).
/// scrypt runs at a low cost here so that hundreds of sign-ins stay quick; production uses the default.
struct LedgerFixture
{
    TempStore t;
    std::unique_ptr<Store> store;
    std::unique_ptr<Ledger> ledger;
    QString picId, pharmacistId, techId, ownerId;
    std::optional<Session> pic, pharmacist, tech, owner;
    const QString oxy = QStringLiteral("00574407205");

    LedgerFixture();
    static PharmacyProfile profile();
    static Receipt receipt(const QString &ndc11, qint64 packages, const QString &order = QStringLiteral("123456789"));
    static Dispense dispense(const QString &ndc11, qint64 qty, const QString &rx, qint64 prescribed);
    static Movement movement(MovementKind kind, const QString &ndc11, qint64 qty);
    /// 5 units from an opened package, witnessed by the pharmacist (2345) and the technician (3456).
    Destruction destruction() const;
    /// 2 units dropped, recorded by the technician and witnessed by the pharmacist.
    Waste waste() const;
    static TheftLoss theftLoss(const QString &ndc11, qint64 qty, const QString &pin);
};

} // namespace cii::test
