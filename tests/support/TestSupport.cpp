#include "TestSupport.h"

#include "LedgerProjection.h"
#include "StoreLocation.h"

#include <QFile>
#include <QEventLoop>
#include <QProcess>
#include <QTimer>
#include <QFileInfo>
#include <sqlite3.h>

namespace cii::test {

CliRun runCiictl(const QProcessEnvironment &env, const QStringList &args, const QByteArray &in, bool keepEventLoop)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("CIICTL"), args);
    p.write(in);
    p.closeWriteChannel();
    if (keepEventLoop) {
        QEventLoop loop;
        QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(120'000, &loop, &QEventLoop::quit);
        if (p.state() != QProcess::NotRunning)
            loop.exec();
    }
    p.waitForFinished(120'000);
    return CliRun{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QString refusalText(const std::function<void()> &f)
{
    try {
        f();
    } catch (const CiiError &e) {
        return e.userText();
    }
    return QStringLiteral("(not refused)");
}

QString refusalOf(Store &store, const char *sql)
{
    try {
        sql::Query(store.db(), sql).run();
    } catch (const CiiError &e) {
        return e.detail() + e.reason();
    }
    return QString();
}

QString pdfText(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    p.waitForFinished(60'000);
    return p.exitCode() == 0 ? QString::fromUtf8(p.readAllStandardOutput()) : QString();
}

std::unique_ptr<Store> TempStore::open(bool create, int schemaVersion, bool withProjections)
{
    Store::Options o;
    o.dataDir = dataDir.path();
    o.keyStore = keys.get();
    o.clock = &clock;
    o.create = create;
    o.targetSchemaVersion = schemaVersion;
    if (withProjections)
        o.projections = defaultProjections();
    return Store::open(std::move(o));
}

QByteArray TempStore::rawKey()
{
    return keys->load(QFileInfo(dataDir.path()).canonicalFilePath())->key;
}

RawConnection::RawConnection(const QString &path, const QByteArray &key)
{
    sqlite3_open(path.toUtf8().constData(), &m_db);
    exec(QStringLiteral("PRAGMA key = \"x'%1'\"").arg(QString::fromLatin1(key.toHex())));
    exec(QStringLiteral("PRAGMA cipher_page_size = 4096"));
}

RawConnection::~RawConnection()
{
    sqlite3_close(m_db);
}

QString RawConnection::exec(const QString &sql)
{
    char *msg = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &msg);
    QString text = rc == SQLITE_OK ? QString() : QString::fromUtf8(msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    return text;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

qint64 scalar(Store &store, const char *sql, const QString &bind)
{
    sql::Query q(store.db(), sql);
    if (!bind.isNull())
        q.bind(1, bind);
    return q.next() ? q.int64(0) : -1;
}

QString scalarText(Store &store, const char *sql)
{
    sql::Query q(store.db(), sql);
    return q.next() ? q.text(0) : QString();
}

QString rebuildMismatch(Store &store)
{
    const QByteArray live = store.stateDigest();
    store.rebuildProjections();
    if (store.stateDigest() != live)
        return QStringLiteral("the rebuilt state differs from the live state");
    const VerifyReport r = store.verify();
    if (!r.intact)
        return QStringLiteral("the journal does not verify");
    if (!r.projectionsMatch)
        return QStringLiteral("the projections do not match the journal");
    return {};
}

} // namespace cii::test

namespace cii::test {

PharmacyProfile LedgerFixture::profile()
{
    return {QStringLiteral("Main Street Pharmacy"), QStringLiteral("1 Main Street, Springfield, CA 90001"),
            QStringLiteral("BM1234563"), QStringLiteral("CA"), QStringLiteral("America/Los_Angeles"), 0};
}

Receipt LedgerFixture::receipt(const QString &ndc11, qint64 packages, const QString &order)
{
    Receipt r;
    r.ndc11 = ndc11;
    r.packages = packages;
    r.orderType = QStringLiteral("222");
    r.orderNumber = order;
    r.supplierName = QStringLiteral("Acme Wholesale");
    r.supplierDea = QStringLiteral("RA7654329");
    r.lot = QStringLiteral("LOT42A");
    r.expiry = QStringLiteral("2028-05-31");
    r.receivedDate = QStringLiteral("2026-09-20");
    return r;
}

Dispense LedgerFixture::dispense(const QString &ndc11, qint64 qty, const QString &rx, qint64 prescribed)
{
    Dispense d;
    d.ndc11 = ndc11;
    d.quantity = qty;
    d.rx = rx;
    d.fillDate = QStringLiteral("2026-09-20");
    d.prescribedQuantity = prescribed;
    // A first fill names its prescription; less than prescribed is a partial fill for a patient in long-term care
    // (the widest window: 60 days from the date written), so the tests' later fills stay within it.
    d.dateWritten = QStringLiteral("2026-09-18");
    d.prescriberName = QStringLiteral("Dr. Ann Wells");
    d.prescriberDea = QStringLiteral("BW1234563");
    d.partialKind = qty < prescribed ? QStringLiteral("long-term-care") : QString();
    return d;
}

Movement LedgerFixture::movement(MovementKind kind, const QString &ndc11, qint64 qty)
{
    Movement m;
    m.kind = kind;
    m.ndc11 = ndc11;
    m.quantity = qty;
    m.partyName = QStringLiteral("Eastside Pharmacy");
    m.partyDea = QStringLiteral("FE2345672");
    m.orderNumber = QStringLiteral("210987654");
    m.date = QStringLiteral("2026-09-20");
    return m;
}

Destruction LedgerFixture::destruction() const
{
    Destruction d;
    d.ndc11 = oxy;
    d.fullPackages = 0;
    d.partialUnits = 5;
    d.method = QStringLiteral("chemical digestion (Rx Destroyer)");
    d.location = QStringLiteral("back office");
    d.date = QStringLiteral("2026-09-20");
    d.first = {pharmacistId, QStringLiteral("2345")};
    d.second = {techId, QStringLiteral("3456")};
    return d;
}

Waste LedgerFixture::waste() const
{
    Waste w;
    w.ndc11 = oxy;
    w.quantity = 2;
    w.reason = QStringLiteral("dropped");
    w.note = QStringLiteral("fell on the floor while counting");
    w.witness = {pharmacistId, QStringLiteral("2345")};
    return w;
}

TheftLoss LedgerFixture::theftLoss(const QString &ndc11, qint64 qty, const QString &pin)
{
    TheftLoss t;
    t.ndc11 = ndc11;
    t.quantity = qty;
    t.lossType = QStringLiteral("theft");
    t.discoveryDate = QStringLiteral("2026-09-19"); // a Saturday: the notice is due Monday
    t.circumstances = QStringLiteral("Bottle missing from the safe after the weekend delivery.");
    t.signaturePin = pin;
    return t;
}

LedgerFixture::LedgerFixture()
{
    store = t.open();
    ledger = std::make_unique<Ledger>(*store, SecretHasher(10));
    picId = ledger->setUp(profile(), {QStringLiteral("Pat Chen"), QStringLiteral("PC"), Role::PharmacistInCharge,
                                      QStringLiteral("1234"), {}});
    pic = ledger->signIn(picId, QStringLiteral("1234"));
    pharmacistId = ledger->addPerson(*pic, {QStringLiteral("Rae Lopez"), QStringLiteral("RL"), Role::Pharmacist, QStringLiteral("2345"), {}});
    techId = ledger->addPerson(*pic, {QStringLiteral("Tom Ng"), QStringLiteral("TN"), Role::Technician, QStringLiteral("3456"), {}});
    ownerId = ledger->addPerson(*pic, {QStringLiteral("Olive Ford"), QStringLiteral("OF"), Role::Owner, {}, QStringLiteral("owner-password")});
    pharmacist = ledger->signIn(pharmacistId, QStringLiteral("2345"));
    tech = ledger->signIn(techId, QStringLiteral("3456"));
    owner = ledger->signIn(ownerId, QStringLiteral("owner-password"));
    ledger->addProduct(*pharmacist, {QStringLiteral("0574-4072-05"), QStringLiteral("Oxycodone HCl"), QStringLiteral("5 mg"),
                                     QStringLiteral("tablet"), QStringLiteral("tablet"), 100, QStringLiteral("CII")});
}

} // namespace cii::test
