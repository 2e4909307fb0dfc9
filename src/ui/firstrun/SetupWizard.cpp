#include "SetupWizard.h"

#include "Activation.h"
#include "BackupSetup.h"
#include "CiiError.h"
#include "Counter.h"
#include "Ledger.h"
#include "LedgerQueries.h"
#include "QmlInstance.h"
#include "ReplicationSettings.h"
#include "HttpBackupClient.h"
#include "Store.h"

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJSEngine>
#include <QLocale>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QStandardPaths>

namespace cii {
namespace {
constexpr char kMarker[] = "first-run-in-progress";
constexpr qint64 kMaxImportBytes = 5 * 1024 * 1024;

/// A group as typed from the sheet: capitals or not, spaces or dashes around it.
QString normalGroup(const QString &typed)
{
    QString g = typed.toUpper();
    g.remove(QLatin1Char(' '));
    g.remove(QLatin1Char('-'));
    return g;
}
} // namespace

SetupWizard::SetupWizard(StoreLocation location, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
{
}

SetupWizard *SetupWizard::create(QQmlEngine *, QJSEngine *)
{
    // None built yet: an idle one, owned by the QML engine: never active
    return QmlInstance<SetupWizard>::forQml([] { return new SetupWizard(StoreLocation{}); });
}

void SetupWizard::setInstance(SetupWizard *instance)
{
    QmlInstance<SetupWizard>::set(instance);
}

void SetupWizard::attach(Store *store, Counter *counter)
{
    m_store = store;
    m_counter = counter;
    workOutStep();
}

QString SetupWizard::markerPath() const
{
    return m_location.dataDir.isEmpty() ? QString() : QDir(m_location.dataDir).filePath(QString::fromLatin1(kMarker));
}

void SetupWizard::writeMarker(const QString &choice) const
{
    QSaveFile f(markerPath());
    if (f.open(QIODevice::WriteOnly)) {
        f.write(choice.toUtf8());
        f.commit();
    }
}

bool SetupWizard::setUpAlready() const
{
    return m_store && m_counter && m_counter->isSetUp();
}

void SetupWizard::readActivation()
{
    const auto s = m_store ? sync::ReplicationSettings::load(m_store->db()) : std::nullopt;
    m_activated = s.has_value();
    m_servicePharmacy = s ? s->pharmacyName : QString();
    m_serviceUrl = s ? s->serviceUrl.toString() : QString();
}

void SetupWizard::workOutStep()
{
    readActivation();
    const QString marker = markerPath();
    QFile f(marker);
    const bool started = !marker.isEmpty() && f.open(QIODevice::ReadOnly);
    const QString chosen = started ? QString::fromUtf8(f.readAll()).trimmed() : QString();
    if (!m_store) {
        m_active = false;
    } else if (!setUpAlready()) {
        m_active = true;
        m_choice = chosen;
        if (!activated() && m_step != Step::Choose && m_step != Step::Profile)
            m_step = Step::Activate;
        else if (m_step == Step::None || m_step == Step::Activate)
            m_step = chosen == QLatin1String("new") || chosen == QLatin1String("import") ? Step::Profile : Step::Choose;
    } else if (started) {
        // Set up, but the wizard had not finished: the opening balances, or the recovery key and its confirmation.
        m_active = true;
        m_choice = chosen;
        if (chosen == QLatin1String("import") && !LedgerQueries(m_store->db()).hasEntries())
            m_step = Step::Import;
        else if (activated() && m_step != Step::Confirm)
            m_step = Step::Recovery;
        else if (!activated())
            finish();
    } else {
        m_active = false;
    }
    Q_EMIT changed();
}

void SetupWizard::go(Step step)
{
    m_step = step;
    Q_EMIT changed();
}

QString SetupWizard::activate(const QString &service, const QString &code, const QString &caPath)
{
    if (!m_store)
        return tr("The records are not open.");
    if (m_busy)
        return tr("Still waiting for the backup service.");
    if (service.trimmed().isEmpty())
        return tr("Enter the backup service's address, such as https://backup.example.org.");
    if (code.trimmed().isEmpty())
        return tr("Enter the activation code the backup service gave you for this workstation.");
    m_busy = true;
    Q_EMIT changed();
    QString problem;
    // Waits for the answer in a local event loop: the page keeps drawing its busy indicator meanwhile.
    const auto settings = backupsetup::activate(*m_store, service, code, caPath, QStringLiteral("Counter workstation"), problem);
    m_busy = false;
    readActivation();
    if (settings)
        m_step = Step::Choose;
    Q_EMIT changed();
    return settings ? QString() : problem;
}

void SetupWizard::skipActivation()
{
    if (m_step == Step::Activate)
        go(Step::Choose);
}

void SetupWizard::back()
{
    if (m_busy)
        return;
    if (m_step == Step::Choose && !activated())
        go(Step::Activate);
    else if (m_step == Step::Profile && !setUpAlready())
        go(Step::Choose);
    else if (m_step == Step::Confirm)
        go(Step::Recovery);
}

QString SetupWizard::choose(const QString &choice)
{
    if (choice != QLatin1String("new") && choice != QLatin1String("import") && choice != QLatin1String("restore"))
        return tr("Choose one of the three ways to start.");
    if (choice != QLatin1String("restore") && activated()) {
        // A pharmacy whose records the service already holds is restored, never started again beside them.
        const auto settings = sync::ReplicationSettings::load(m_store->db());
        m_busy = true;
        Q_EMIT changed();
        const auto client = sync::HttpBackupClient::factory()(*settings, 30'000);
        const auto head = sync::waitFor<sync::ServiceHead>([&](sync::BackupClient::Done<sync::ServiceHead> done) { client->head(std::move(done)); });
        m_busy = false;
        Q_EMIT changed();
        if (!head.ok())
            return tr("Could not ask the backup service whether it already holds this pharmacy's records: %1").arg(head.error.message);
        const qint64 held = head.value->lastSeq;
        if (held > 0)
            return tr("The backup service already holds %1 records for %2. Restore them from the cloud instead: setting up a "
                      "new pharmacy here would start a second record beside them.").arg(QLocale(QLocale::English).toString(held), settings->pharmacyName);
    }
    m_choice = choice;
    if (choice != QLatin1String("restore")) {
        writeMarker(choice);
        go(Step::Profile);
    } else {
        Q_EMIT changed();
    }
    return {};
}

QString SetupWizard::setUp(const QVariantMap &profile, const QString &picName, const QString &picInitials, const QString &pin,
                           const QString &pinAgain)
{
    if (!m_store)
        return tr("The records are not open.");
    if (pin != pinAgain)
        return tr("The two PINs are not the same. Type the PIN again in both fields.");
    const auto text = [&](const char *key) { return profile.value(QLatin1String(key)).toString(); };
    bool cadenceOk = true;
    const QString cadenceText = text("cadenceDays").trimmed();
    const int cadence = cadenceText.isEmpty() ? 0 : cadenceText.toInt(&cadenceOk);
    if (!cadenceOk || cadence < 0)
        return tr("The reconciliation cadence must be a whole number of days (or empty for the state's rule).");
    writeMarker(m_choice.isEmpty() ? QStringLiteral("new") : m_choice);
    try {
        Ledger(*m_store).setUp(PharmacyProfile{text("name"), text("address"), text("dea"), text("state").trimmed().toUpper(),
                                               text("timezone"), cadence},
                               NewPerson{picName, picInitials, Role::PharmacistInCharge, pin, {}});
    } catch (const CiiError &e) {
        return e.userText();
    }
    afterSetUp();
    return {};
}

void SetupWizard::afterSetUp()
{
    if (m_choice == QLatin1String("import"))
        go(Step::Import);
    else if (activated())
        go(Step::Recovery);
    else
        finish();
}

QString SetupWizard::saveTemplate(const QString &path) const
{
    const QFileInfo info(path.trimmed());
    if (path.trimmed().isEmpty() || !info.absoluteDir().exists())
        return tr("The folder %1 does not exist.").arg(info.absolutePath());
    QSaveFile f(info.absoluteFilePath());
    if (!f.open(QIODevice::WriteOnly) || f.write(Ledger::openingBalancesTemplate()) < 0 || !f.commit())
        return tr("The template could not be written to %1.").arg(info.absoluteFilePath());
    return {};
}

QString SetupWizard::checkImport(const QString &path)
{
    m_preview.clear();
    m_importBytes.clear();
    Q_EMIT changed();
    if (!m_store)
        return tr("The records are not open.");
    const QFileInfo info(path.trimmed());
    if (path.trimmed().isEmpty())
        return tr("Enter the file with the opening balances.");
    if (!info.isFile())
        return tr("There is no file %1.").arg(info.absoluteFilePath());
    if (info.size() > kMaxImportBytes)
        return tr("%1 is too large for a file of opening balances (more than 5 MB).").arg(info.fileName());
    QFile f(info.absoluteFilePath());
    if (!f.open(QIODevice::ReadOnly))
        return tr("%1 cannot be read.").arg(info.absoluteFilePath());
    const QByteArray bytes = f.readAll();
    try {
        const OpeningBalances checked = Ledger(*m_store).checkOpeningBalances(bytes);
        QVariantList rows, rejected;
        for (const OpeningBalance &b : checked.rows)
            rows.append(QVariantMap{{QStringLiteral("line"), b.line}, {QStringLiteral("ndc11"), b.ndc11}, {QStringLiteral("name"), b.name},
                                    {QStringLiteral("quantity"), b.quantity}, {QStringLiteral("unit"), b.baseUnit},
                                    {QStringLiteral("countedBy"), b.countedBy}, {QStringLiteral("countedOn"), b.countedOn},
                                    {QStringLiteral("isNew"), b.newProduct}});
        for (const ImportRejection &r : checked.rejected)
            rejected.append(QVariantMap{{QStringLiteral("line"), r.line}, {QStringLiteral("reason"), r.reason}});
        m_preview = {{QStringLiteral("rows"), rows}, {QStringLiteral("rejected"), rejected}, {QStringLiteral("path"), info.absoluteFilePath()}};
        if (checked.rejected.isEmpty())
            m_importBytes = bytes;
    } catch (const CiiError &e) {
        return e.userText();
    }
    Q_EMIT changed();
    return {};
}

QString SetupWizard::recordImport(const QString &pin)
{
    if (!m_store)
        return tr("The records are not open.");
    if (m_importBytes.isEmpty())
        return tr("Check a file with no rejected lines first.");
    try {
        const QString picId = LedgerQueries(m_store->db()).pharmacistInCharge();
        if (picId.isEmpty())
            return tr("There is no pharmacist-in-charge to sign the opening balances.");
        Ledger ledger(*m_store);
        const Session s = ledger.signIn(picId, pin);
        ledger.recordOpeningBalances(s, m_importBytes, pin);
    } catch (const CiiError &e) {
        return e.userText();
    }
    m_importBytes.clear();
    m_preview.clear();
    if (activated())
        go(Step::Recovery);
    else
        finish();
    return {};
}

QString SetupWizard::makeRecoveryKey(const QString &sheetPath)
{
    if (!m_store || m_busy)
        return tr("The records are not open.");
    m_busy = true;
    Q_EMIT changed();
    QString problem;
    const auto made = backupsetup::makeRecoveryKey(*m_store, sheetPath, problem);
    m_busy = false;
    if (!made) {
        Q_EMIT changed();
        return problem;
    }
    m_recoveryKey = made->key;
    m_sheetPath = made->sheetPath;
    Q_EMIT changed();
    return made->sheetProblem.isEmpty() ? QString() : tr("%1 Write the key down by hand from this screen instead.").arg(made->sheetProblem);
}

void SetupWizard::keyKept()
{
    if (m_recoveryKey.isEmpty())
        return;
    const int first = QRandomGenerator::global()->bounded(1, 14);
    int second = QRandomGenerator::global()->bounded(1, 13);
    if (second >= first)
        ++second;
    m_confirmGroups = {std::min(first, second), std::max(first, second)};
    go(Step::Confirm);
}

QString SetupWizard::confirmKey(const QString &first, const QString &second)
{
    const QStringList groups = m_recoveryKey.split(QLatin1Char('-'));
    if (groups.size() != 13 || m_confirmGroups.first == 0)
        return tr("Make the recovery key first.");
    for (const auto &[number, typed] : {std::pair{m_confirmGroups.first, first}, std::pair{m_confirmGroups.second, second}}) {
        if (normalGroup(typed).isEmpty())
            return tr("Type group %1 from the recovery sheet.").arg(number);
        if (normalGroup(typed) != groups.at(number - 1))
            return tr("Group %1 is not what the recovery sheet says. Look at the sheet again (groups are numbered), or go back "
                      "to see the key.").arg(number);
    }
    finish();
    return {};
}

void SetupWizard::finish()
{
    if (!markerPath().isEmpty())
        QFile::remove(markerPath());
    m_recoveryKey.clear();
    m_sheetPath.clear();
    m_confirmGroups = {0, 0};
    m_preview.clear();
    m_importBytes.clear();
    // The last page says what was set up (and where the backup stands); close() leaves it for the lock screen.
    m_step = Step::Done;
    m_active = true;
    readActivation();
    Q_EMIT changed();
}

void SetupWizard::close()
{
    if (m_step != Step::Done)
        return;
    m_step = Step::None;
    m_choice.clear();
    m_active = false;
    Q_EMIT changed();
}

QString SetupWizard::suggestedPath(const QString &what) const
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();
    const QString name = what == QLatin1String("sheet") ? QStringLiteral("CII Ledger recovery sheet.pdf")
                         : what == QLatin1String("template") ? QStringLiteral("opening-balances-template.csv")
                                                             : QStringLiteral("opening-balances.csv");
    return QDir(folder).filePath(name);
}

QStringList SetupWizard::timeZones() const
{
    return {QStringLiteral("America/New_York"), QStringLiteral("America/Chicago"), QStringLiteral("America/Denver"),
            QStringLiteral("America/Phoenix"), QStringLiteral("America/Los_Angeles"), QStringLiteral("America/Anchorage"),
            QStringLiteral("Pacific/Honolulu"), QStringLiteral("America/Puerto_Rico")};
}

} // namespace cii
