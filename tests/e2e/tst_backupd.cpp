// Contract tests of cii-backupd over real HTTP on loopback: the service in this process (libmicrohttpd), the
// client QNetworkAccessManager, every request signed as a workstation signs it. The same tests run on both
// stores: an SQLite file (tst_backupd), and a throwaway PostgreSQL cluster started by the test itself
// (tst_backupd_postgres, CII_TEST_STORE=postgres), each test on a fresh database.
#include "BackupService.h"
#include "BackupStore.h"
#include "ChangeSet.h"
#include "DeviceKey.h"
#include "HttpServer.h"
#include "RequestSigning.h"
#include "CanonicalCbor.h"
#include "CiiError.h"
#include "Clock.h"
#include "PostgresBackupStore.h"
#include "TestCertificate.h"
#include "ThrowawayPostgres.h"

#include <QCborMap>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QProcess>
#include <QTcpSocket>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QRegularExpression>
#include <QSet>
#include <QSslConfiguration>
#include <QSslError>
#include <QTest>
#include <csignal>
#include <cstdio>
#include <thread>
#include <unistd.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

using namespace cii;
using namespace cii::backupd;

namespace {

/// Set when the tests run on PostgreSQL.
std::unique_ptr<test::ThrowawayPostgres> g_postgres;

BackupStore::Options storeOptions(const QTemporaryDir &dir)
{
    if (!g_postgres)
        return {QStringLiteral("QSQLITE"), dir.filePath(QStringLiteral("backup.db")), {}, {}, {}, 0};
    const QString database = g_postgres->createDatabase();
    if (database.isEmpty())
        qFatal("%s", qPrintable(g_postgres->problem()));
    return {QStringLiteral("QPSQL"), database, g_postgres->host(), g_postgres->user(), {}, g_postgres->port()};
}

struct Answer
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString message() const { return json().value(QStringLiteral("message")).toString(); }
};

/// A workstation as the service sees it: its key, and the ids activation gave it.
struct Workstation
{
    DeviceKey key = DeviceKey::generate();
    QString pharmacyId, deviceId;
    BackupKey data = BackupKey::generate();
    QList<Event> journal;       // what it has recorded
    QList<QByteArray> sealed;   // its change sets, in order

    /// Records `n` events and seals them as the next change set.
    QByteArray sealNext(int n)
    {
        QByteArray prev = journal.isEmpty() ? Event::genesisHash() : journal.last().hash;
        const qint64 first = journal.size() + 1;
        QList<Event> events;
        for (int i = 0; i < n; ++i) {
            Event e;
            e.seq = first + i;
            e.atMs = 1'790'000'000'000 + e.seq;
            e.actor = QStringLiteral("p-1");
            e.kind = QStringLiteral("stock.dispensed");
            e.payload = canonicalCbor(QCborMap{{QStringLiteral("quantity"), 30}, {QStringLiteral("rx"), QStringLiteral("RX%1").arg(e.seq)}});
            e.prevHash = prev;
            e.hash = e.computeHash();
            prev = e.hash;
            events << e;
        }
        ChangeSetHeader h;
        h.pharmacyId = pharmacyId;
        h.deviceId = deviceId;
        h.firstSeq = first;
        h.lastSeq = first + n - 1;
        h.prevSetHash = sealed.isEmpty() ? QByteArray(32, '\0') : changeset::setHash(sealed.last());
        h.createdMs = QDateTime::currentMSecsSinceEpoch();
        h.keyId = data.id();
        h.stateDigest = QByteArray(32, '\0');
        journal += events;
        sealed << changeset::seal(h, events, data, key);
        return sealed.last();
    }

    /// An archive of events first..last, continuing the change set that ends at first - 1.
    QByteArray sealArchive(qint64 first, qint64 last) const
    {
        ChangeSetHeader h;
        h.kind = QStringLiteral("archive");
        h.pharmacyId = pharmacyId;
        h.deviceId = deviceId;
        h.firstSeq = first;
        h.lastSeq = last;
        h.prevSetHash = QByteArray(32, '\0');
        for (const QByteArray &set : sealed)
            if (changeset::inspect(set, key.publicKey()).header.lastSeq == first - 1)
                h.prevSetHash = changeset::setHash(set);
        h.createdMs = QDateTime::currentMSecsSinceEpoch();
        h.keyId = data.id();
        h.stateDigest = QByteArray(32, '\0');
        return changeset::seal(h, journal.mid(first - 1, last - first + 1), data, key);
    }
};

class Service
{
public:
    int rememberedDevices; ///< 0: the store's own limit
    QTemporaryDir dir;
    BackupStore::Options options = remembering(storeOptions(dir), rememberedDevices); ///< the database, for a second store over it
    std::unique_ptr<BackupStore> opened = BackupStore::open(options);
    BackupStore &store = *opened;
    SystemClock clock;
    BackupService service{store, limits(), clock};
    HttpServer server;
    QNetworkAccessManager net;

    static BackupService::Limits limits()
    {
        BackupService::Limits l;
        l.maxUploadBytes = 1024 * 1024;
        return l;
    }
    explicit Service(HttpServer::Options http = {}, int remembered = 0)
        : rememberedDevices(remembered)
        , server(service, http)
    {
        server.start();
    }
    static BackupStore::Options remembering(BackupStore::Options o, int devices)
    {
        if (devices > 0)
            o.rememberedDevices = devices;
        return o;
    }

    QNetworkRequest request(const QByteArray &target) const
    {
        QNetworkRequest r(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server.port()).arg(QString::fromLatin1(target))));
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
        return r;
    }
    QNetworkReply *start(const QByteArray &method, const QByteArray &target, const QByteArray &body, const Workstation *signer,
                         qint64 timeMs = 0)
    {
        QNetworkRequest r = request(target);
        if (signer) {
            const auto h = requestsig::sign(signer->key, signer->deviceId, method, target,
                                            timeMs ? timeMs : QDateTime::currentMSecsSinceEpoch(), body);
            r.setRawHeader("X-Cii-Device", h.device);
            r.setRawHeader("X-Cii-Time", h.time);
            r.setRawHeader("X-Cii-Signature", h.signature);
        }
        return net.sendCustomRequest(r, method, body);
    }
    static Answer wait(QNetworkReply *reply)
    {
        if (!reply->isFinished()) {
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
        }
        Answer a{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
        reply->deleteLater();
        return a;
    }
    Answer send(const QByteArray &method, const QByteArray &target, const QByteArray &body = {}, const Workstation *signer = nullptr)
    {
        return wait(start(method, target, body, signer));
    }
    /// A pharmacy with an activated workstation.
    Workstation activated(const QString &name = QStringLiteral("Main Street Pharmacy"))
    {
        Workstation w;
        const QString ph = store.createPharmacy(name, QDateTime::currentMSecsSinceEpoch());
        const QString code = store.issueActivationCode(ph, QDateTime::currentMSecsSinceEpoch() + 3'600'000, 0);
        const Answer a = send("POST", "/v1/activate", activation(code, w.key));
        if (a.status != 201)
            qFatal("activation failed: %s", a.body.constData());
        w.pharmacyId = a.json().value(QStringLiteral("pharmacyId")).toString();
        w.deviceId = a.json().value(QStringLiteral("deviceId")).toString();
        return w;
    }
    /// A pharmacy and its activated workstation, through the store (no HTTP): for tests of the store under load.
    bool registerDirectly(Workstation &w, const QString &name)
    {
        w.pharmacyId = store.createPharmacy(name, 0);
        QString why;
        const auto device = store.activate(store.issueActivationCode(w.pharmacyId, QDateTime::currentMSecsSinceEpoch() + 60'000, 0),
                                           w.key.publicKey(), QStringLiteral("pc"), 0, why);
        if (!device)
            qWarning("activation failed: %s", qPrintable(why));
        w.deviceId = device ? device->id : QString();
        return device.has_value();
    }
    static QByteArray activation(const QString &code, const DeviceKey &key)
    {
        return QJsonDocument(QJsonObject{{QStringLiteral("code"), code},
                                         {QStringLiteral("publicKey"), QString::fromLatin1(key.publicKey().toBase64())},
                                         {QStringLiteral("name"), QStringLiteral("Counter PC")}}).toJson();
    }
};

/// A GET that trusts only `ca` (none: the system's), as a workstation with a pinned CA does.
Answer getTrusting(QNetworkAccessManager &net, const QString &url, const QByteArray &ca, QList<QSslError> *errors = nullptr)
{
    QNetworkRequest r{QUrl(url)};
    if (!ca.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromData(ca));
        r.setSslConfiguration(tls);
    }
    QNetworkReply *reply = net.get(r);
    if (errors)
        QObject::connect(reply, &QNetworkReply::sslErrors, reply, [errors](const QList<QSslError> &e) { *errors += e; });
    return Service::wait(reply);
}

QByteArray put(qint64 first) { return "/v1/changesets/" + QByteArray::number(first); }

/// What the service sends back on a connection of its own to `bytes`, sent as they are (no HTTP client between):
/// everything until it closes the connection, its answer is complete, or it says nothing for a second.
QByteArray rawExchange(quint16 port, const QByteArray &bytes)
{
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, port);
    if (!raw.waitForConnected(5000))
        return {};
    raw.write(bytes);
    QByteArray reply;
    QElapsedTimer quiet;
    quiet.start();
    qint64 unsent = raw.bytesToWrite();
    const auto complete = [&] {
        const qsizetype end = reply.indexOf("\r\n\r\n");
        const QRegularExpressionMatch length = QRegularExpression(QStringLiteral("(?i)\r\ncontent-length: *(\\d+)"))
                                                   .match(QString::fromLatin1(reply.left(end)));
        return end >= 0 && length.hasMatch() && reply.size() >= end + 4 + length.captured(1).toLongLong();
    };
    // waitForReadyRead writes what is still to be sent meanwhile: a client that reads as it writes.
    while (raw.state() == QAbstractSocket::ConnectedState && quiet.elapsed() < 1000 && !complete()) {
        if (raw.waitForReadyRead(50))
            reply += raw.readAll();
        if (raw.bytesAvailable() > 0 || raw.bytesToWrite() < unsent)
            quiet.restart();
        unsent = raw.bytesToWrite();
    }
    return reply + raw.readAll();
}

/// The status of a raw answer; 0 when there was none.
int statusOf(const QByteArray &reply)
{
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("^HTTP/1\\.[01] (\\d{3}) ")).match(QString::fromLatin1(reply.left(20)));
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

/// Another client of the service's database holding what an upload's commit needs, until release(): SQLite's
/// write lock, or on PostgreSQL the pharmacies' locks (cii_append's advisory locks). Uploads of those pharmacies
/// then wait for their commit as they would behind a slow disk.
class CommitBlocker
{
public:
    CommitBlocker(const BackupStore::Options &o, const QStringList &pharmacyIds)
    {
        QSqlDatabase d = QSqlDatabase::addDatabase(o.driver, kName);
        d.setDatabaseName(o.database);
        d.setHostName(o.host);
        d.setPort(o.port > 0 ? o.port : -1);
        d.setUserName(o.user);
        if (!d.open())
            qFatal("the blocker cannot open the database: %s", qPrintable(d.lastError().text()));
        QSqlQuery q(d);
        if (o.driver == QLatin1String("QSQLITE")) {
            if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
                qFatal("%s", qPrintable(q.lastError().text()));
            return;
        }
        q.exec(QStringLiteral("BEGIN"));
        for (const QString &id : pharmacyIds) {
            q.prepare(QStringLiteral("SELECT pg_advisory_xact_lock(hashtextextended(?, 7123002))"));
            q.addBindValue(id);
            if (!q.exec())
                qFatal("%s", qPrintable(q.lastError().text()));
        }
    }
    ~CommitBlocker() { release(); }
    void release()
    {
        if (!QSqlDatabase::contains(kName))
            return;
        {
            QSqlDatabase d = QSqlDatabase::database(kName);
            QSqlQuery(d).exec(QStringLiteral("ROLLBACK"));
            d.close();
        }
        QSqlDatabase::removeDatabase(kName);
    }

private:
    static inline const QString kName = QStringLiteral("commit-blocker");
};

/// Makes the service's database look as a store made before `table` had `column`: the column dropped, by a
/// client of its own. Empty, or what failed.
QString dropColumn(const BackupStore::Options &o, const char *table, const char *column)
{
    QString problem;
    {
        QSqlDatabase old = QSqlDatabase::addDatabase(o.driver, QStringLiteral("old"));
        old.setDatabaseName(o.database);
        old.setHostName(o.host);
        old.setPort(o.port > 0 ? o.port : -1);
        old.setUserName(o.user);
        if (old.open()) {
            QSqlQuery q(old);
            if (!q.exec(QStringLiteral("ALTER TABLE %1 DROP COLUMN %2").arg(QLatin1String(table), QLatin1String(column))))
                problem = q.lastError().text();
            else if (old.record(QLatin1String(table)).contains(QLatin1String(column)))
                problem = QStringLiteral("the column is still there");
        } else {
            problem = old.lastError().text();
        }
        old.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));
    return problem;
}

} // namespace

class TstBackupd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (qgetenv("CII_TEST_STORE") == "postgres") {
            g_postgres = std::make_unique<test::ThrowawayPostgres>();
            QVERIFY2(g_postgres->problem().isEmpty(), qPrintable(g_postgres->problem()));
        }
    }
    void cleanupTestCase() { g_postgres.reset(); }

    void healthRoutesMethodsAndSizes()
    {
        Service s;
        QCOMPARE(s.send("GET", "/v1/health").status, 200);
        QCOMPARE(s.send("DELETE", "/v1/health").status, 405);
        const Answer missing = s.send("GET", "/v1/nothing");
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.message(), QStringLiteral("There is no /v1/nothing here."));
        QCOMPARE(s.send("POST", "/v1/activate", QByteArray(100'000, 'x')).status, 413);
        QCOMPARE(s.send("GET", "/v1/head").status, 401); // unsigned
        // Malformed HTTP on a raw connection: refused by libmicrohttpd, and the service goes on answering.
        for (const QByteArray &garbage : {QByteArray("GARBAGE\r\n\r\n"), QByteArray("GET /v1/health HTTP/9.9\r\n\r\n"),
                                          QByteArray("PUT /v1/changesets/1 HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
                                          QByteArray("GET /v1/health HTTP/1.1\r\nHost: x\r\n" + QByteArray(200'000, 'h') + "\r\n\r\n"),
                                          QByteArray(5000, '\0')}) {
            QTcpSocket raw;
            raw.connectToHost(QHostAddress::LocalHost, s.server.port());
            QVERIFY(raw.waitForConnected(5000));
            raw.write(garbage);
            raw.waitForBytesWritten(5000);
            raw.waitForReadyRead(2000);
            const QByteArray reply = raw.readAll();
            QVERIFY2(reply.isEmpty() || QRegularExpression(QStringLiteral("^HTTP/1.[01] (4..|505) ")).match(QString::fromLatin1(reply.left(20))).hasMatch(),
                     reply.left(100).constData());
        }
        QCOMPARE(s.send("GET", "/v1/health").status, 200);
        const Answer metrics = s.send("GET", "/metrics");
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.body.contains("ciibackupd_requests_total "));
    }

    void activationIsOneTimeAndReplacesThePreviousDevice()
    {
        Service s;
        const QString ph = s.store.createPharmacy(QStringLiteral("Main Street Pharmacy"), 0);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString code = s.store.issueActivationCode(ph, now + 3'600'000, now);
        const QString expired = s.store.issueActivationCode(ph, now - 1, now);
        Workstation first;
        QCOMPARE(s.send("POST", "/v1/activate", "{not json").status, 400);
        QCOMPARE(s.send("POST", "/v1/activate", "{\"code\":\"X\",\"publicKey\":\"AAAA\",\"name\":\"pc\"}").status, 400); // key not 32 bytes
        Answer a = s.send("POST", "/v1/activate", Service::activation(QStringLiteral("ZZZZ-ZZZZ-ZZZZ"), first.key));
        QCOMPARE(a.status, 403);
        QVERIFY2(a.message().contains(QLatin1String("not known")), qPrintable(a.message()));
        a = s.send("POST", "/v1/activate", Service::activation(expired, first.key));
        QVERIFY2(a.status == 403 && a.message().contains(QLatin1String("expired")), qPrintable(a.message()));
        a = s.send("POST", "/v1/activate", Service::activation(code.toLower(), first.key)); // typed in lower case
        QCOMPARE(a.status, 201);
        QCOMPARE(a.json().value(QStringLiteral("pharmacyName")).toString(), QStringLiteral("Main Street Pharmacy"));
        first.pharmacyId = ph;
        first.deviceId = a.json().value(QStringLiteral("deviceId")).toString();
        a = s.send("POST", "/v1/activate", Service::activation(code, DeviceKey::generate()));
        QVERIFY2(a.status == 403 && a.message().contains(QLatin1String("already used")), qPrintable(a.message()));
        QCOMPARE(s.send("PUT", put(1), first.sealNext(2), &first).status, 201);

        // A replacement workstation: the first is revoked and told so; the chain continues from the new one.
        Workstation replacement;
        replacement.data = first.data;
        replacement.journal = first.journal;
        replacement.sealed = first.sealed;
        a = s.send("POST", "/v1/activate", Service::activation(s.store.issueActivationCode(ph, now + 3'600'000, now), replacement.key));
        QCOMPARE(a.status, 201);
        replacement.pharmacyId = ph;
        replacement.deviceId = a.json().value(QStringLiteral("deviceId")).toString();
        a = s.send("PUT", put(3), first.sealNext(1), &first);
        QVERIFY2(a.status == 403 && a.json().value(QStringLiteral("error")).toString() == QLatin1String("revoked"), a.body.constData());
        QCOMPARE(s.send("PUT", put(3), replacement.sealNext(1), &replacement).status, 201);
        QCOMPARE(s.store.head(ph).lastSeq, 3);
    }

    void anActivationAskedAgainWithTheSameKeyGetsTheSameAnswer()
    {
        // A workstation whose answer was lost asks again with the key it sent: the same answer, nothing changed.
        // Another key with the used code is refused as before.
        Service s;
        const QString ph = s.store.createPharmacy(QStringLiteral("Main Street Pharmacy"), 0);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString code = s.store.issueActivationCode(ph, now + 3'600'000, now);
        Workstation w;
        const Answer first = s.send("POST", "/v1/activate", Service::activation(code, w.key));
        QCOMPARE(first.status, 201);
        const Answer again = s.send("POST", "/v1/activate", Service::activation(code.toLower(), w.key)); // typed in lower case
        QVERIFY2(again.status == 201, again.body.constData());
        QCOMPARE(again.body, first.body);
        QCOMPARE(s.store.devices(ph).size(), 1);
        QVERIFY(!s.store.devices(ph).constFirst().revoked);
        const Answer other = s.send("POST", "/v1/activate", Service::activation(code, DeviceKey::generate()));
        QVERIFY2(other.status == 403 && other.json().value(QStringLiteral("error")).toString() == QLatin1String("bad-code")
                     && other.message().contains(QLatin1String("already used")),
                 other.body.constData());
        QCOMPARE(s.store.devices(ph).size(), 1);

        // The same activation sent many times at once (the service's threads; on PostgreSQL, transactions racing):
        // one device, one answer, the earlier device revoked once.
        const QString racing = s.store.issueActivationCode(ph, now + 3'600'000, now);
        Workstation r;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 8; ++i)
            replies << s.start("POST", "/v1/activate", Service::activation(racing, r.key), nullptr);
        QSet<QByteArray> bodies;
        for (QNetworkReply *reply : std::as_const(replies)) {
            const Answer a = Service::wait(reply);
            QVERIFY2(a.status == 201, a.body.constData());
            bodies << a.body;
        }
        QCOMPARE(bodies.size(), 1);
        const QList<BackupStore::Device> devices = s.store.devices(ph);
        QCOMPARE(devices.size(), 2);
        QVERIFY(devices.at(0).revoked && devices.at(0).publicKey == w.key.publicKey());
        QVERIFY(!devices.at(1).revoked && devices.at(1).publicKey == r.key.publicKey());

        // The first code's device was replaced since: asked again, it speaks for nothing now, and is refused.
        const Answer replaced = s.send("POST", "/v1/activate", Service::activation(code, w.key));
        QVERIFY2(replaced.status == 403 && replaced.message().contains(QLatin1String("already used")), replaced.body.constData());
        // Past the code's validity, the same key is refused too (the store's own clock, not a wait).
        QString why;
        QVERIFY(!s.store.activate(racing, r.key.publicKey(), QStringLiteral("Counter PC"), now + 3'600'001, why));
        QVERIFY2(why.contains(QLatin1String("already used")), qPrintable(why));
        QCOMPARE(s.store.devices(ph).size(), 2);
    }

    void aStoreFromBeforeCodesKeptTheirDeviceGoesOn()
    {
        // Stores made before a used code kept its device have no such column: the service adds it when it opens
        // them; a code used then stays refused to every key, and new codes are asked again as above.
        Service s;
        const QString ph = s.store.createPharmacy(QStringLiteral("Main Street Pharmacy"), 0);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString used = s.store.issueActivationCode(ph, now + 3'600'000, now);
        const QString unused = s.store.issueActivationCode(ph, now + 3'600'000, now);
        const DeviceKey key = DeviceKey::generate();
        QString why;
        QVERIFY(s.store.activate(used, key.publicKey(), QStringLiteral("pc"), now, why));
        QCOMPARE(dropColumn(s.options, "activation_codes", "device_id"), QString());
        const auto reopened = BackupStore::open(s.options);
        QVERIFY(!reopened->activate(used, key.publicKey(), QStringLiteral("pc"), now, why));
        QVERIFY2(why.contains(QLatin1String("already used")), qPrintable(why));
        const DeviceKey next = DeviceKey::generate();
        const auto device = reopened->activate(unused, next.publicKey(), QStringLiteral("pc"), now, why);
        QVERIFY2(device, qPrintable(why));
        const auto again = reopened->activate(unused, next.publicKey(), QStringLiteral("pc"), now, why);
        QVERIFY2(again && again->id == device->id, qPrintable(why));
        QCOMPARE(reopened->devices(ph).size(), 2);
    }

    void aDeviceRevokedElsewhereIsRefusedAtOnce()
    {
        // The service keeps the devices it has seen in memory; a revocation by another process over the same
        // database (the admin command, another instance) must still refuse the next upload.
        Service s;
        Workstation w = s.activated();
        QCOMPARE(s.send("PUT", put(1), w.sealNext(2), &w).status, 201);
        {
            const auto admin = BackupStore::open(s.options);
            QVERIFY(admin->revoke(w.deviceId, QDateTime::currentMSecsSinceEpoch()));
        }
        const Answer a = s.send("PUT", put(3), w.sealNext(1), &w);
        QVERIFY2(a.status == 403 && a.json().value(QStringLiteral("error")).toString() == QLatin1String("revoked"), a.body.constData());
        QCOMPARE(s.store.head(w.pharmacyId).lastSeq, 2);
        QCOMPARE(s.send("GET", "/v1/head", {}, &w).status, 403);
    }

    void reopeningAStorePrintsNothing()
    {
        // A restart opens a store whose tables exist: nothing in the service's log for that (PostgreSQL's
        // "already exists, skipping" notices went to stderr on every start).
        Service s;
        QTemporaryFile captured;
        QVERIFY(captured.open());
        std::optional<QString> name = QStringLiteral("unread");
        {
            // fd 2 comes back however this block is left, so a failure's message is not swallowed too.
            struct StderrTo
            {
                int saved;
                explicit StderrTo(int fd) : saved(::dup(2)) { std::fflush(stderr); ::dup2(fd, 2); }
                ~StderrTo() { std::fflush(stderr); ::dup2(saved, 2); ::close(saved); }
            } redirected(captured.handle());
            const auto reopened = BackupStore::open(s.options);
            name = reopened->pharmacyName(QStringLiteral("ph_none"));
        }
        QVERIFY(name == std::nullopt);
        captured.seek(0);
        const QByteArray printed = captured.readAll();
        QVERIFY2(printed.isEmpty(), printed.constData());
    }

    void aStoreFromBeforeUploadsKeptTheirSignatureGoesOn()
    {
        // Stores made before an upload's replay record moved into its changesets row have no such column: the
        // service adds it when it opens them, and their chain goes on with replays still refused.
        Service s;
        Workstation w = s.activated();
        QCOMPARE(s.send("PUT", put(1), w.sealNext(2), &w).status, 201);
        QCOMPARE(dropColumn(s.options, "changesets", "request_signature"), QString());
        const auto opened = BackupStore::open(s.options);
        BackupStore &reopened = *opened;
        BackupService service{reopened, Service::limits(), s.clock};
        HttpServer server{service, {}};
        server.start();
        const auto send = [&](const QNetworkRequest &r, const QByteArray &body) { return Service::wait(s.net.sendCustomRequest(r, "PUT", body)); };
        QNetworkRequest r(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server.port()).arg(QString::fromLatin1(put(3)))));
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
        const QByteArray set = w.sealNext(1);
        const auto h = requestsig::sign(w.key, w.deviceId, "PUT", put(3), QDateTime::currentMSecsSinceEpoch(), set);
        r.setRawHeader("X-Cii-Device", h.device);
        r.setRawHeader("X-Cii-Time", h.time);
        r.setRawHeader("X-Cii-Signature", h.signature);
        QCOMPARE(send(r, set).status, 201);
        const Answer again = send(r, set);
        QVERIFY2(again.status == 401 && again.json().value(QStringLiteral("error")).toString() == QLatin1String("replayed"), again.body.constData());
        QCOMPARE(reopened.head(w.pharmacyId).lastSeq, 3);
        QCOMPARE(reopened.list(w.pharmacyId, 1, 10).size(), 2);
    }

    void uploadsFormAGapFreeChain()
    {
        Service s;
        Workstation w = s.activated();
        const QByteArray one = w.sealNext(3), two = w.sealNext(2), three = w.sealNext(4);
        QCOMPARE(s.send("PUT", put(1), one, &w).status, 201);
        QCOMPARE(s.send("PUT", put(1), one, &w).status, 200); // a retry of identical bytes
        Answer a = s.send("PUT", put(6), three, &w);
        QCOMPARE(a.status, 409);
        QCOMPARE(a.json().value(QStringLiteral("expectedFirstSeq")).toInt(), 4);
        QCOMPARE(a.message(), QStringLiteral("The chain continues at sequence number 4, not 6."));
        QCOMPARE(s.send("PUT", put(4), two, &w).status, 201);
        // A different change set for a sequence number already stored: refused, the stored one kept.
        Workstation fork = w;
        fork.journal = fork.journal.mid(0, 3);
        fork.sealed = fork.sealed.mid(0, 1);
        const QByteArray conflicting = fork.sealNext(2);
        a = s.send("PUT", put(4), conflicting, &w);
        QVERIFY2(a.status == 409 && a.json().value(QStringLiteral("error")).toString() == QLatin1String("conflict"), a.body.constData());
        QCOMPARE(s.send("PUT", put(6), three, &w).status, 201);
        QCOMPARE(s.send("PUT", put(5), three, &w).status, 400); // the path and the header disagree
        // Listing and reading back.
        a = s.send("GET", "/v1/changesets?from=4", {}, &w);
        QCOMPARE(a.status, 200);
        const QJsonArray sets = a.json().value(QStringLiteral("changesets")).toArray();
        QCOMPARE(sets.size(), 2);
        QCOMPARE(sets[0].toObject().value(QStringLiteral("firstSeq")).toInt(), 4);
        QCOMPARE(s.send("GET", put(4), {}, &w).body, two);
        QCOMPARE(s.send("GET", "/v1/changesets?from=x", {}, &w).status, 400);
        a = s.send("GET", "/v1/head", {}, &w);
        QCOMPARE(a.json().value(QStringLiteral("lastSeq")).toInt(), 9);
        QCOMPARE(a.json().value(QStringLiteral("setHash")).toString(), QString::fromLatin1(changeset::setHash(three).toHex()));
        // The wrapped backup key: stored and fetched, never interpreted.
        const QByteArray wrapped = QByteArray(72, '\x07').toBase64();
        QCOMPARE(s.send("PUT", "/v1/wrapped-key", wrapped, &w).status, 200);
        QCOMPARE(s.send("GET", "/v1/wrapped-key", {}, &w).body, wrapped);
        QCOMPARE(s.send("PUT", "/v1/wrapped-key", "!!", &w).status, 400);
        // A new recovery key replaces the served one; the earlier stays in the history.
        const QByteArray rewrapped = QByteArray(72, '\x08').toBase64();
        QCOMPARE(s.send("PUT", "/v1/wrapped-key", rewrapped, &w).status, 200);
        QCOMPARE(s.send("GET", "/v1/wrapped-key", {}, &w).body, rewrapped);
        QCOMPARE(s.store.wrappedKeyCount(w.pharmacyId), 2);
        // Too large for an upload.
        QCOMPARE(s.send("PUT", put(10), QByteArray(2 * 1024 * 1024, 'x'), &w).status, 413);
    }

    void archivesCoverWhatTheChainHolds()
    {
        Service s;
        Workstation w = s.activated();
        for (const int n : {3, 2, 4}) { // sets 1-3, 4-5, 6-9
            const qint64 first = w.journal.size() + 1;
            QCOMPARE(s.send("PUT", put(first), w.sealNext(n), &w).status, 201);
        }
        const auto archivePath = [](qint64 first, qint64 last) { return "/v1/archives/" + QByteArray::number(first) + '-' + QByteArray::number(last); };
        const QByteArray all = w.sealArchive(1, 9), tail = w.sealArchive(4, 9);
        Answer a = s.send("PUT", archivePath(1, 9), all, &w);
        QVERIFY2(a.status == 201, a.body.constData());
        QCOMPARE(s.send("PUT", archivePath(1, 9), all, &w).status, 200); // a retry
        QCOMPARE(s.send("PUT", archivePath(4, 9), tail, &w).status, 201);
        // Another archive of the same range: refused, the first kept.
        a = s.send("PUT", archivePath(1, 9), w.sealArchive(1, 9), &w);
        QVERIFY2(a.status == 409 && a.json().value(QStringLiteral("error")).toString() == QLatin1String("conflict"), a.body.constData());
        // Ranges the chain does not hold, or that split a stored change set: refused, each in its words.
        a = s.send("PUT", archivePath(2, 9), w.sealArchive(2, 9), &w);
        QVERIFY2(a.status == 409 && a.message().contains(QLatin1String("no stored change set starts at 2")), a.body.constData());
        a = s.send("PUT", archivePath(1, 4), w.sealArchive(1, 4), &w);
        QVERIFY2(a.status == 409 && a.message().contains(QLatin1String("no stored change set ends at 4")), a.body.constData());
        w.sealNext(2); // events 10-11, not uploaded
        a = s.send("PUT", archivePath(6, 11), w.sealArchive(6, 11), &w);
        QVERIFY2(a.status == 409 && a.message().contains(QLatin1String("ends at 11")), a.body.constData());
        // An archive is not a change set, nor the other way round; the path must say what it holds.
        a = s.send("PUT", put(10), w.sealArchive(10, 11), &w);
        QVERIFY2(a.status == 400 && a.message().contains(QLatin1String("/v1/archives/10-11")), a.body.constData());
        QCOMPARE(s.send("PUT", archivePath(10, 11), w.sealed.last(), &w).status, 400);
        QCOMPARE(s.send("PUT", archivePath(1, 8), all, &w).status, 400);
        // Listed and read back; another pharmacy sees none of them.
        a = s.send("GET", "/v1/archives?from=5", {}, &w);
        const QJsonArray listed = a.json().value(QStringLiteral("archives")).toArray();
        QCOMPARE(listed.size(), 2);
        QCOMPARE(listed[0].toObject().value(QStringLiteral("lastSeq")).toInt(), 9);
        QCOMPARE(s.send("GET", archivePath(4, 9), {}, &w).body, tail);
        QCOMPARE(s.send("GET", archivePath(4, 8), {}, &w).status, 404);
        Workstation other = s.activated(QStringLiteral("Other"));
        QCOMPARE(s.send("GET", archivePath(1, 9), {}, &other).status, 404);
        QCOMPARE(s.send("GET", "/v1/archives?from=1", {}, &other).json().value(QStringLiteral("archives")).toArray().size(), 0);
        // The chain itself is unchanged by all of it.
        QCOMPARE(s.store.head(w.pharmacyId).lastSeq, 9);
        QVERIFY(s.send("GET", "/metrics").body.contains("ciibackupd_archives_stored_total 2"));
    }

    void noInputCrashesItOrChangesTheChain()
    {
        // Thousands of requests built from pieces of valid ones, mutated at random (seeded: a failure repeats):
        // every answer is a status with a sentence, none is a server error, and the stored chain is unchanged.
        Service s;
        Workstation w = s.activated();
        QCOMPARE(s.send("PUT", put(1), w.sealNext(3), &w).status, 201);
        const QByteArray valid = w.sealNext(2);
        const BackupStore::Head before = s.store.head(w.pharmacyId);
        const QList<QByteArray> methods{"GET", "PUT", "POST", "DELETE", "PATCH", "", "G\0T", "OPTIONS"};
        const QList<QByteArray> targets{"/v1/changesets/4", "/v1/changesets/", "/v1/changesets/99999999999999999999", "/v1/archives/1-3",
                                        "/v1/archives/3-1", "/v1/archives/-", "/v1/changesets?from=-1", "/v1/changesets?from=%00",
                                        "/v1/head", "/v1/wrapped-key", "/v1/activate", "/../etc/passwd", "", "*", "/v1/%zz",
                                        "/v1/changesets/4?x=" + QByteArray(3000, 'a'), "/metrics", "/v1/health"};
        QRandomGenerator random(20261125);
        const auto mutate = [&](QByteArray b) {
            const int edits = random.bounded(4);
            for (int e = 0; e < edits && !b.isEmpty(); ++e) {
                const int at = random.bounded(int(b.size()));
                switch (random.bounded(3)) {
                case 0: b[at] = char(random.bounded(256)); break;
                case 1: b.truncate(at); break;
                default: b.insert(at, QByteArray(random.bounded(1, 40), char(random.bounded(256)))); break;
                }
            }
            return b;
        };
        int answered = 0;
        for (int i = 0; i < 3000; ++i) {
            Request r;
            r.method = methods[random.bounded(int(methods.size()))];
            r.target = random.bounded(4) == 0 ? mutate(targets[random.bounded(int(targets.size()))]) : targets[random.bounded(int(targets.size()))];
            r.body = random.bounded(3) == 0 ? QByteArray() : mutate(random.bounded(2) ? valid : QByteArray("{\"code\":\"AAAA-BBBB-CCCC\",\"publicKey\":\"x\"}"));
            r.peer = "127.0.0.1";
            if (random.bounded(2)) {
                const auto h = requestsig::sign(w.key, w.deviceId, r.method, r.target, QDateTime::currentMSecsSinceEpoch(), r.body);
                r.headers.insert("x-cii-device", random.bounded(5) ? h.device : mutate(h.device));
                r.headers.insert("x-cii-time", random.bounded(5) ? h.time : mutate(h.time));
                r.headers.insert("x-cii-signature", random.bounded(5) ? h.signature : mutate(h.signature));
            }
            const Response answer = s.service.handle(r);
            QVERIFY2(answer.status >= 200 && answer.status < 500, qPrintable(QStringLiteral("%1 %2 -> %3 %4").arg(
                QString::fromLatin1(r.method), QString::fromLatin1(r.target.left(80)), QString::number(answer.status), QString::fromUtf8(answer.body.left(200)))));
            if (answer.status >= 400)
                QVERIFY2(!QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("message")).toString().isEmpty(), answer.body.constData());
            ++answered;
        }
        QCOMPARE(answered, 3000);
        const BackupStore::Head after = s.store.head(w.pharmacyId);
        // A valid, correctly signed upload of set 4-5 may have been among them (unmutated); nothing else is stored.
        QVERIFY(after.lastSeq == before.lastSeq || (after.lastSeq == 5 && after.setHash == changeset::setHash(valid)));
        QVERIFY(after.sets - before.sets <= 1);
    }

    void signaturesTimesAndReplaysAreChecked()
    {
        Service s;
        Workstation w = s.activated();
        const QByteArray set = w.sealNext(1);
        // Signed by another key under this device's id.
        Workstation impostor = w;
        impostor.key = DeviceKey::generate();
        Answer a = s.send("PUT", put(1), set, &impostor);
        QVERIFY2(a.status == 401 && a.message().contains(QLatin1String("not the device's")), a.body.constData());
        // Out of the time window.
        a = Service::wait(s.start("PUT", put(1), set, &w, QDateTime::currentMSecsSinceEpoch() - 10 * 60'000));
        QVERIFY2(a.status == 401 && a.message().contains(QLatin1String("5 minutes")), a.body.constData());
        // Signed for another path.
        QNetworkRequest r = s.request(put(2));
        const auto h = requestsig::sign(w.key, w.deviceId, "PUT", put(1), QDateTime::currentMSecsSinceEpoch(), set);
        r.setRawHeader("X-Cii-Device", h.device);
        r.setRawHeader("X-Cii-Time", h.time);
        r.setRawHeader("X-Cii-Signature", h.signature);
        QCOMPARE(Service::wait(s.net.sendCustomRequest(r, "PUT", set)).status, 401);
        // The same request twice: the second is a replay.
        r = s.request(put(1));
        r.setRawHeader("X-Cii-Device", h.device);
        r.setRawHeader("X-Cii-Time", h.time);
        r.setRawHeader("X-Cii-Signature", h.signature);
        QCOMPARE(Service::wait(s.net.sendCustomRequest(r, "PUT", set)).status, 201);
        a = Service::wait(s.net.sendCustomRequest(r, "PUT", set));
        QVERIFY2(a.status == 401 && a.json().value(QStringLiteral("error")).toString() == QLatin1String("replayed"), a.body.constData());
        // A tampered change set (signed request, but the set's own signature broken): refused, chain unchanged.
        QByteArray bad = w.sealNext(1);
        bad[bad.size() - 70] = char(bad[bad.size() - 70] ^ 0x10); // in the body, before the signature
        a = s.send("PUT", put(2), bad, &w);
        QVERIFY2(a.status == 422 && a.message().contains(QLatin1String("(signature)")), a.body.constData());
        QCOMPARE(s.send("PUT", put(2), QByteArray("garbage"), &w).status, 400);
        QCOMPARE(s.store.head(w.pharmacyId).lastSeq, 1);
    }

    void everySignedRequestIsTakenOnce()
    {
        // The same bytes twice, on every signed route and whatever the first answer was: the second is refused as a
        // replay (docs/BACKUP-API.md). Among them the retry of a stored upload with a new signature (200, already
        // stored), which sent again byte for byte was answered 200 again.
        Service s;
        Workstation w = s.activated();
        const QByteArray a = w.sealNext(2), b = w.sealNext(1), c = w.sealNext(1);
        const QByteArray archive = w.sealArchive(1, 3);
        const QByteArray wrapped = QByteArray(48, 'k').toBase64();
        struct Case
        {
            QByteArray method, target, body;
            int first; ///< the first answer's status
        };
        const QList<Case> cases{
            {"PUT", put(1), a, 201},
            {"PUT", put(1), a, 200},                // a retry with its own signature: already stored
            {"PUT", put(4), c, 409},                // a gap
            {"PUT", put(3), "not a change set", 400}, // refused before the store
            {"PUT", put(3), b, 201},
            {"PUT", put(4), c, 201},
            {"PUT", "/v1/archives/1-3", archive, 201},
            {"PUT", "/v1/archives/1-3", archive, 200},
            {"GET", put(1), {}, 200},
            {"GET", "/v1/changesets?from=1", {}, 200},
            {"GET", "/v1/changeset-bundle?from=1", {}, 200},
            {"GET", "/v1/archives/1-3", {}, 200},
            {"GET", "/v1/archives?from=1", {}, 200},
            {"GET", "/v1/devices", {}, 200},
            {"GET", "/v1/head", {}, 200},
            {"PUT", "/v1/wrapped-key", wrapped, 200},
            {"GET", "/v1/wrapped-key", {}, 200},
            {"DELETE", "/v1/head", {}, 405},
        };
        const qint64 signedAt = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < cases.size(); ++i) {
            const Case &k = cases[i];
            const qint64 at = signedAt + i; // each case a request of its own; both of its sends the same bytes
            const QByteArray what = k.method + ' ' + k.target;
            const Answer first = Service::wait(s.start(k.method, k.target, k.body, &w, at));
            QVERIFY2(first.status == k.first, qPrintable(what + ": " + QByteArray::number(first.status) + ' ' + first.body));
            const Answer again = Service::wait(s.start(k.method, k.target, k.body, &w, at));
            QVERIFY2(again.status == 401 && again.json().value(QStringLiteral("error")).toString() == QLatin1String("replayed"),
                     qPrintable(what + " sent again: " + QByteArray::number(again.status) + ' ' + again.body));
        }
        QCOMPARE(s.store.head(w.pharmacyId).lastSeq, 4);
        QCOMPARE(s.store.head(w.pharmacyId).sets, 3);
    }

    void httpThatIsNotHttpIsRefused()
    {
        // docs/BACKUP-API.md, Conventions: what a request that is not HTTP gets, on a raw connection.
        Service s;
        const quint16 port = s.server.port();
        // A NUL byte in the request line: libmicrohttpd would serve the path up to it; the service refuses it.
        for (const QByteArray &target : {QByteArray("/v1/health") + '\0' + "x", QByteArray("/v1/he") + '\0' + "alth",
                                         QByteArray("/v1/changesets?from=1") + '\0' + "&x=2"}) {
            const QByteArray reply = rawExchange(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
            QVERIFY2(statusOf(reply) == 400 && reply.contains("NUL byte"), reply.constData());
        }
        // HTTP/1.1 must name the host (HTTP/1.0 need not).
        QCOMPARE(statusOf(rawExchange(port, "GET /v1/health HTTP/1.1\r\n\r\n")), 400);
        QCOMPARE(statusOf(rawExchange(port, "GET /v1/health HTTP/1.0\r\n\r\n")), 200);
        QCOMPARE(statusOf(rawExchange(port, "GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")), 200);
        // What libmicrohttpd refuses itself.
        QCOMPARE(statusOf(rawExchange(port, "PUT /v1/changesets/1 HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")), 400);
        QCOMPARE(statusOf(rawExchange(port, "GET /v1/health HTTP/9.9\r\nHost: x\r\n\r\n")), 505);
        QCOMPARE(statusOf(rawExchange(port, "GET /v1/health HTTP/1.1\r\nHost: x\r\nX: " + QByteArray(40'000, 'h') + "\r\n\r\n")), 431);
        // A request line libmicrohttpd cannot split, or with a space inside the target: closed with no answer.
        for (const QByteArray &line : {QByteArray("GARBAGE"), QByteArray("GET /v1/health x HTTP/1.1")}) {
            const QByteArray reply = rawExchange(port, line + "\r\nHost: x\r\n\r\n");
            QVERIFY2(reply.isEmpty(), reply.constData());
        }
        QCOMPARE(s.send("GET", "/v1/health").status, 200);
    }

    void aBodyFarOverTheLimitIsAnsweredBeforeTheClose()
    {
        // Declared at more than four times the limit (1 MiB here): refused before it is read, and the client,
        // still writing, sees the 413 rather than a connection reset.
        Service s;
        Workstation w = s.activated();
        const QByteArray big(5 * 1024 * 1024, 'x');
        const QByteArray reply = rawExchange(s.server.port(), "PUT " + put(1) + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
                                                                  + QByteArray::number(big.size()) + "\r\n\r\n" + big);
        QVERIFY2(statusOf(reply) == 413 && reply.contains("too-large"), reply.left(200).constData());
        for (int i = 0; i < 3; ++i) { // Qt's client, as a workstation sends
            const Answer a = s.send("PUT", put(1), big, &w);
            QVERIFY2(a.status == 413, qPrintable(QByteArray::number(a.status) + ' ' + a.body));
        }
        QCOMPARE(s.send("PUT", put(1), QByteArray(2 * 1024 * 1024, 'x'), &w).status, 413); // over, read and dropped
        QCOMPARE(s.send("PUT", put(1), w.sealNext(1), &w).status, 201);
    }

    void manyDevicesKeepTheServiceMemoryBounded()
    {
        // The service keeps at most so many devices in memory (8 here), the least recently used going first;
        // those it forgot are read again, revoked or not.
        constexpr int kRemembered = 8, kDevices = 40;
        Service s({}, kRemembered);
        QList<Workstation> stations(kDevices);
        for (int i = 0; i < kDevices; ++i)
            QVERIFY(s.registerDirectly(stations[i], QStringLiteral("Pharmacy %1").arg(i)));
        for (int i = 0; i < kDevices; ++i) {
            QCOMPARE(s.send("PUT", put(1), stations[i].sealNext(1), &stations[i]).status, 201);
            QVERIFY(s.store.rememberedDevices() <= kRemembered);
        }
        QCOMPARE(s.store.rememberedDevices(), kRemembered);
        const QByteArray metrics = s.send("GET", "/metrics").body;
        QVERIFY2(metrics.contains("\nciibackupd_devices_remembered 8\n"), metrics.constData());
        // Revoked by another process: one forgotten long ago, one still remembered.
        {
            const auto admin = BackupStore::open(s.options);
            QVERIFY(admin->revoke(stations[0].deviceId, QDateTime::currentMSecsSinceEpoch()));
            QVERIFY(admin->revoke(stations[kDevices - 1].deviceId, QDateTime::currentMSecsSinceEpoch()));
        }
        for (int i = 0; i < kDevices; ++i) {
            const bool revoked = i == 0 || i == kDevices - 1;
            const Answer a = s.send("PUT", put(2), stations[i].sealNext(1), &stations[i]);
            QVERIFY2(a.status == (revoked ? 403 : 201), qPrintable(QString::number(i) + QLatin1Char(' ') + QString::fromUtf8(a.body)));
            QCOMPARE(s.store.head(stations[i].pharmacyId).lastSeq, revoked ? 1 : 2);
        }
        QVERIFY(s.store.rememberedDevices() <= kRemembered);
    }

    void aPharmacyCanNeverReadOrWriteAnothers()
    {
        Service s;
        Workstation a = s.activated(QStringLiteral("A"));
        Workstation b = s.activated(QStringLiteral("B"));
        QCOMPARE(s.send("PUT", put(1), a.sealNext(2), &a).status, 201);
        // B seals a set naming A's pharmacy: refused.
        Workstation intruder = b;
        intruder.pharmacyId = a.pharmacyId;
        const Answer answer = s.send("PUT", put(3), intruder.sealNext(1), &b);
        QVERIFY2(answer.status == 403, answer.body.constData());
        // B sees only its own (nothing).
        QCOMPARE(s.send("GET", "/v1/changesets?from=1", {}, &b).json().value(QStringLiteral("changesets")).toArray().size(), 0);
        QCOMPARE(s.send("GET", put(1), {}, &b).status, 404);
        QCOMPARE(s.store.head(a.pharmacyId).lastSeq, 2);
    }

    void behindATrustedProxyTheRateLimitCountsTheClient()
    {
        QTemporaryDir dir;
        const auto store = BackupStore::open(storeOptions(dir));
        BackupService::Limits l;
        l.requestsPerSecond = 2;
        l.trustedProxies = {"127.0.0.1"};
        const ManualClock clock{1'790'000'000'000}; // one second throughout
        BackupService service(*store, l, clock);
        const auto activation = [&](const QByteArray &peer, const QByteArray &forwarded) {
            Request r;
            r.method = "POST";
            r.target = "/v1/activate";
            r.peer = peer;
            if (!forwarded.isEmpty())
                r.headers.insert("x-forwarded-for", forwarded);
            r.body = R"({"code":"nope","publicKey":"x","name":"n"})";
            return service.handle(r).status;
        };
        QVERIFY(activation("127.0.0.1", "10.0.0.5") != 429);
        QVERIFY(activation("127.0.0.1", "10.0.0.5") != 429);
        QCOMPARE(activation("127.0.0.1", "10.0.0.5"), 429);
        QVERIFY(activation("127.0.0.1", "10.0.0.6") != 429);              // another pharmacy behind the same proxy
        QVERIFY(activation("127.0.0.1", "203.0.113.9, 10.0.0.7") != 429); // the nearest hop the proxy saw
        QVERIFY(activation("127.0.0.1", "10.0.0.8") != 429);
        QVERIFY(activation("127.0.0.1", "203.0.113.9, 10.0.0.8") != 429);
        QCOMPARE(activation("127.0.0.1", "198.51.100.1, 10.0.0.8"), 429); // a forged left part changes nothing
        // From an address that is not a trusted proxy the header is ignored: it cannot dodge the limit.
        QVERIFY(activation("192.0.2.1", "10.0.0.20") != 429);
        QVERIFY(activation("192.0.2.1", "10.0.0.21") != 429);
        QCOMPARE(activation("192.0.2.1", "10.0.0.22"), 429);
        // A header that is not addresses: the proxy's own address counts (now at its limit too).
        QVERIFY(activation("127.0.0.1", "unknown") != 429);
        QVERIFY(activation("127.0.0.1", "") != 429);
        QCOMPARE(activation("127.0.0.1", "garbage, more"), 429);
    }

    void httpsWithTheOperatorsCertificate()
    {
        const auto [cert, key] = test::certificateForLoopback();
        QTemporaryDir dir;
        const auto store = BackupStore::open(storeOptions(dir));
        const SystemClock clock;
        BackupService service(*store, {}, clock);
        HttpServer::Options options;
        options.tlsCertificatePem = cert;
        options.tlsKeyPem = key;
        HttpServer server(service, options);
        server.start();
        QNetworkAccessManager net;
        const QString url = QStringLiteral("https://127.0.0.1:%1/v1/health").arg(server.port());
        QCOMPARE(getTrusting(net, url, cert).status, 200);
        // A client that does not trust the certificate is refused by its own TLS check (a new manager: the
        // first's connection was already trusted and is kept alive).
        QNetworkAccessManager untrusting;
        QList<QSslError> errors;
        QCOMPARE(getTrusting(untrusting, url, {}, &errors).status, 0);
        QVERIFY(!errors.isEmpty());
        // Plain HTTP to the HTTPS port gets no answer.
        QCOMPARE(getTrusting(net, QStringLiteral("http://127.0.0.1:%1/v1/health").arg(server.port()), {}).status, 0);

        // A key that is not the certificate's, or no PEM at all: a sentence, no server.
        HttpServer::Options mismatched = options;
        mismatched.tlsKeyPem = test::certificateForLoopback().second;
        try {
            HttpServer(service, mismatched).start();
            QFAIL("a key that is not the certificate's was accepted");
        } catch (const CiiError &e) {
            QVERIFY2(e.userText().contains(QLatin1String("not the certificate's")), qPrintable(e.userText()));
        }
    }

    void theCommandServesAsConfigured()
    {
        // cii-backupd itself, set up by a configuration file, one setting overridden by the environment.
        const auto [cert, key] = test::certificateForLoopback();
        QTemporaryDir dir;
        const auto write = [&](const QString &name, const QByteArray &text) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write(QStringLiteral("cert.pem"), cert);
        write(QStringLiteral("key.pem"), key);
        write(QStringLiteral("backupd.conf"), "# the service, as deploy/cii-backupd.conf.example\n"
                                              "db = " + dir.filePath(QStringLiteral("service.db")).toUtf8() + "\n"
                                              "port = 0\nthreads = 99\n"
                                              "tls-cert = " + dir.filePath(QStringLiteral("cert.pem")).toUtf8() + "\n"
                                              "tls-key = " + dir.filePath(QStringLiteral("key.pem")).toUtf8() + "\n");
        const QString program = qEnvironmentVariable("CII_BACKUPD");
        QVERIFY2(!program.isEmpty(), "CII_BACKUPD names the cii-backupd program");
        QProcess refused;
        refused.start(program, {QStringLiteral("serve"), QStringLiteral("--config"), dir.filePath(QStringLiteral("backupd.conf"))});
        QVERIFY(refused.waitForFinished(30'000));
        QCOMPARE(refused.exitCode(), 2);
        QVERIFY2(refused.readAllStandardError().contains("threads (" + dir.filePath(QStringLiteral("backupd.conf")).toUtf8() + ", line 4)"),
                 "the file and line of a bad setting are named");

        QProcess service;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CII_BACKUPD_THREADS"), QStringLiteral("2"));
        service.setProcessEnvironment(env);
        service.start(program, {QStringLiteral("serve"), QStringLiteral("--config"), dir.filePath(QStringLiteral("backupd.conf"))});
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT((said += service.readAllStandardError()).contains("listening"), 30'000);
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("https://127.0.0.1:(\\d+)")).match(QString::fromUtf8(said));
        QVERIFY2(m.hasMatch(), said.constData());
        QNetworkAccessManager net;
        QCOMPARE(getTrusting(net, QStringLiteral("https://127.0.0.1:%1/v1/health").arg(m.captured(1)), cert).status, 200);
        ::kill(pid_t(service.processId()), SIGTERM);
        QVERIFY(service.waitForFinished(30'000));
        QCOMPARE(service.exitStatus(), QProcess::NormalExit);
        QCOMPARE(service.exitCode(), 0);
    }

    void aSnapshotHoldsTheWholeChain()
    {
        if (g_postgres)
            QSKIP("SQLite only: PostgreSQL is backed up with pg_dump");
        Service s;
        Workstation w = s.activated();
        QCOMPARE(s.send("PUT", put(1), w.sealNext(3), &w).status, 201);
        QCOMPARE(s.send("PUT", put(4), w.sealNext(2), &w).status, 201);
        const QString copy = s.dir.filePath(QStringLiteral("copy.db"));
        s.store.snapshotTo(copy);
        QVERIFY_THROWS_EXCEPTION(CiiError, s.store.snapshotTo(copy)); // never overwrites
        const auto restored = BackupStore::open({QStringLiteral("QSQLITE"), copy, {}, {}, {}, 0});
        QCOMPARE(restored->head(w.pharmacyId).setHash, s.store.head(w.pharmacyId).setHash);
        QCOMPARE(restored->changeSet(w.pharmacyId, 4).value(), w.sealed.last());
        QCOMPARE(restored->device(w.deviceId)->publicKey, w.key.publicKey());
    }

    void theDeployedPostgresRoleRunsTheService()
    {
        // deploy/postgresql-setup.sql, as an operator runs it: the service's role owns only its database and can
        // create its tables and store uploads; the dump role can read them and write nothing.
        if (!g_postgres)
            QSKIP("PostgreSQL only (tst_backupd_postgres runs it)");
        const QString script = QStringLiteral(CII_SOURCE_DIR "/deploy/postgresql-setup.sql");
        QVERIFY2(g_postgres->runScript(script, {QStringLiteral("password='not-used-by-trust'")}), qPrintable(g_postgres->problem()));
        {
            const auto opened = BackupStore::open({QStringLiteral("QPSQL"), QStringLiteral("cii_backup"), g_postgres->host(),
                                                   QStringLiteral("cii_backupd"), {}, g_postgres->port()});
            BackupStore &store = *opened;
            const SystemClock clock;
            BackupService service(store, {}, clock);
            const QString ph = store.createPharmacy(QStringLiteral("Deployed"), 0);
            QString why;
            Workstation w;
            const auto device = store.activate(store.issueActivationCode(ph, QDateTime::currentMSecsSinceEpoch() + 60'000, 0),
                                               w.key.publicKey(), QStringLiteral("pc"), QDateTime::currentMSecsSinceEpoch(), why);
            QVERIFY2(device, qPrintable(why));
            w.pharmacyId = ph;
            w.deviceId = device->id;
            const QByteArray set = w.sealNext(2);
            qint64 expected = 0;
            QCOMPARE(store.append(ph, w.deviceId, 1, 2, QByteArray(32, '\0'), changeset::setHash(set), set, 0, expected),
                     BackupStore::Appended::Stored);
        }
        // The dump role reads everything and writes nothing.
        {
            QSqlDatabase dump = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("dump"));
            dump.setHostName(g_postgres->host());
            dump.setPort(g_postgres->port());
            dump.setUserName(QStringLiteral("cii_backupd_dump"));
            dump.setDatabaseName(QStringLiteral("cii_backup"));
            QVERIFY2(dump.open(), qPrintable(dump.lastError().text()));
            QSqlQuery q(dump);
            QVERIFY2(q.exec(QStringLiteral("SELECT count(*) FROM changesets")) && q.next(), qPrintable(q.lastError().text()));
            QCOMPARE(q.value(0).toInt(), 1);
            QVERIFY(!q.exec(QStringLiteral("INSERT INTO pharmacies (id, name, created_ms) VALUES ('x', 'x', 0)")));
            QVERIFY(!q.exec(QStringLiteral("DELETE FROM changesets")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("dump"));
    }

    void theSameSetSentManyTimesAtOnceIsStoredOnce()
    {
        // A retry that overlaps the upload it repeats (a timeout on a slow link): each waits for the other's lock,
        // then sees it stored. One 201, the rest 200, never a conflict, a gap or a failure.
        Service s;
        Workstation w = s.activated();
        w.sealNext(2);
        QCOMPARE(s.send("PUT", put(1), w.sealed[0], &w).status, 201);
        w.sealNext(3);
        constexpr int kCopies = 8;
        QList<QNetworkReply *> replies;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < kCopies; ++i) // each signed at its own time: a request of its own, not a replay
            replies << s.start("PUT", put(3), w.sealed[1], &w, now - i);
        QList<int> statuses;
        for (QNetworkReply *r : replies)
            statuses << Service::wait(r).status;
        QCOMPARE(statuses.count(201), 1);
        QCOMPARE(statuses.count(200), kCopies - 1);
        const BackupStore::Head h = s.store.head(w.pharmacyId);
        QCOMPARE(h.sets, 2);
        QCOMPARE(h.lastSeq, qint64(5));
    }

    void uploadsThatShareACommitAreEachAnsweredOnTheirOwn()
    {
        // Many threads storing at once share commits (group commit, on both stores); each upload still gets its
        // own answer: stored, already stored, a gap, a replay; and every chain ends complete.
        Service s;
        constexpr int kThreads = 16, kSets = 20;
        QList<Workstation> stations(kThreads);
        for (int i = 0; i < kThreads; ++i) {
            Workstation &w = stations[i];
            QVERIFY(s.registerDirectly(w, QStringLiteral("Pharmacy %1").arg(i)));
            for (int k = 0; k < kSets; ++k)
                w.sealNext(1 + k % 3);
        }
        const qint64 before = s.store.sharedCommits();
        QList<QStringList> wrong(kThreads);
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i)
            threads.emplace_back([&, i] {
                const Workstation &w = stations[i];
                const auto append = [&](int k, const QByteArray &signature, BackupStore::Appended want) {
                    const ChangeSetHeader h = changeset::inspect(w.sealed[k], w.key.publicKey()).header;
                    const BackupStore::RequestSeen seen{signature};
                    qint64 expected = 0;
                    const auto got = s.store.append(w.pharmacyId, w.deviceId, h.firstSeq, h.lastSeq, h.prevSetHash,
                                                    changeset::setHash(w.sealed[k]), w.sealed[k], 0, expected, &seen);
                    if (got != want)
                        wrong[i] << QStringLiteral("set %1: %2 where %3 was due").arg(k).arg(int(got)).arg(int(want));
                };
                for (int k = 0; k < kSets; ++k) {
                    const QByteArray signature = "sig-" + QByteArray::number(i) + '-' + QByteArray::number(k);
                    if (k == 7)
                        append(k + 1, signature + "-early", BackupStore::Appended::Gap);
                    append(k, signature, BackupStore::Appended::Stored);
                    if (k == 9)
                        append(k, signature, BackupStore::Appended::Replayed);
                    if (k == 11)
                        append(k, signature + "-again", BackupStore::Appended::AlreadyStored);
                }
            });
        for (std::thread &t : threads)
            t.join();
        for (int i = 0; i < kThreads; ++i) {
            QVERIFY2(wrong[i].isEmpty(), qPrintable(wrong[i].join(QLatin1String("; "))));
            const BackupStore::Head h = s.store.head(stations[i].pharmacyId);
            QCOMPARE(h.sets, kSets);
            QCOMPARE(h.setHash, changeset::setHash(stations[i].sealed.last()));
        }
        // Sixteen threads that do nothing but store: commits were shared (else this test tried nothing).
        QVERIFY(s.store.sharedCommits() > before);
        QVERIFY(s.send("GET", "/metrics").body.contains("ciibackupd_shared_commits_total "));
    }

    void anUploadWaitingForItsCommitHoldsNoThread()
    {
        // One request thread, and every commit held up: the thread still takes every upload (each waits for its
        // commit with its connection suspended, not on the thread) and still answers anything else; when the
        // commits can go, the waiting uploads share them and each gets its own answer.
        Service s(HttpServer::Options{QStringLiteral("127.0.0.1"), 0, 1});
        constexpr int kStations = 6;
        QList<Workstation> stations;
        QStringList pharmacies;
        for (int i = 0; i < kStations; ++i) {
            stations << s.activated(QStringLiteral("Pharmacy %1").arg(i));
            stations.last().sealNext(2);
            pharmacies << stations.last().pharmacyId;
        }
        const qint64 sharedBefore = s.store.sharedCommits();
        CommitBlocker blocker(s.options, pharmacies);
        QList<QNetworkReply *> replies;
        for (const Workstation &w : stations)
            replies << s.start("PUT", put(1), w.sealed[0], &w);
        QTRY_COMPARE_WITH_TIMEOUT(s.store.uploadsWaiting(), qint64(kStations), 20'000);
        // On a connection of its own (a QNetworkAccessManager opens at most six to a server, all uploading here).
        QNetworkAccessManager other;
        QCOMPARE(Service::wait(other.get(s.request("/v1/health"))).status, 200);
        const QByteArray metrics = Service::wait(other.get(s.request("/metrics"))).body;
        QVERIFY2(metrics.contains("ciibackupd_uploads_waiting " + QByteArray::number(kStations) + '\n'), metrics.constData());
        for (QNetworkReply *r : replies)
            QVERIFY(!r->isFinished()); // none answered while its commit cannot happen
        blocker.release();
        for (QNetworkReply *r : replies) {
            const Answer a = Service::wait(r);
            QVERIFY2(a.status == 201, a.body.constData());
        }
        QCOMPARE(s.store.uploadsWaiting(), qint64(0));
        QVERIFY(s.store.sharedCommits() > sharedBefore); // those that waited together were stored together
        for (const Workstation &w : stations)
            QCOMPARE(s.store.head(w.pharmacyId).lastSeq, qint64(2));
    }

    void aGroupLargerThanOneStatementIsStoredInParts()
    {
        // 200 uploads waiting at once (every commit held up meanwhile) make at most three groups (two taken by the
        // two committing threads on PostgreSQL, the rest after), so one holds 67 or more: more than one statement
        // stores (PostgresBackupStore::kMaxBatch), so it is stored in parts. Each upload still gets its own answer, the
        // refused ones among them too.
        Service s;
        constexpr int kStations = 200;
        QList<Workstation> stations(kStations);
        QStringList pharmacies;
        for (int i = 0; i < kStations; ++i) {
            Workstation &w = stations[i];
            QVERIFY(s.registerDirectly(w, QStringLiteral("Pharmacy %1").arg(i)));
            w.sealNext(1);
            w.sealNext(1);
            pharmacies << w.pharmacyId;
        }
        static_assert(kStations / 3 > int(PostgresBackupStore::kMaxBatch));
        const qint64 sharedBefore = s.store.uploadsInSharedCommits();
        std::mutex lock;
        QList<std::optional<BackupStore::Outcome>> outcomes(kStations);
        {
            CommitBlocker blocker(s.options, pharmacies);
            for (int i = 0; i < kStations; ++i) {
                const int set = i % 10 == 3 ? 1 : 0; // every tenth: the second set first, a gap
                const ChangeSetHeader h = changeset::inspect(stations[i].sealed[set], stations[i].key.publicKey()).header;
                s.store.appendAsync({stations[i].pharmacyId, stations[i].deviceId, h.firstSeq, h.lastSeq, h.prevSetHash,
                                     changeset::setHash(stations[i].sealed[set]), stations[i].sealed[set], 0, std::nullopt},
                                    [&, i](const BackupStore::Outcome &o) {
                                        const std::lock_guard<std::mutex> guard(lock);
                                        outcomes[i] = o;
                                    });
            }
            QTRY_COMPARE_WITH_TIMEOUT(s.store.uploadsWaiting(), qint64(kStations), 20'000);
        }
        QTRY_COMPARE_WITH_TIMEOUT(s.store.uploadsWaiting(), qint64(0), 20'000);
        const std::lock_guard<std::mutex> guard(lock);
        for (int i = 0; i < kStations; ++i) {
            QVERIFY(outcomes[i].has_value());
            QVERIFY(!outcomes[i]->error);
            const bool gap = i % 10 == 3;
            QCOMPARE(int(outcomes[i]->result), int(gap ? BackupStore::Appended::Gap : BackupStore::Appended::Stored));
            if (gap)
                QCOMPARE(outcomes[i]->expectedFirst, qint64(1));
            QCOMPARE(s.store.head(stations[i].pharmacyId).lastSeq, qint64(gap ? 0 : 1));
        }
        QVERIFY(s.store.uploadsInSharedCommits() - sharedBefore >= kStations / 3);
    }

    void stoppingTheServerAnswersTheUploadsItHolds()
    {
        // Uploads waiting for their commit when the server stops are stored and answered first (a connection
        // left suspended would be lost with its answer); the server then starts again on the same port.
        Service s;
        Workstation w = s.activated();
        w.sealNext(3);
        auto blocker = std::make_unique<CommitBlocker>(s.options, QStringList{w.pharmacyId});
        QNetworkReply *reply = s.start("PUT", put(1), w.sealed[0], &w);
        QTRY_COMPARE_WITH_TIMEOUT(s.store.uploadsWaiting(), qint64(1), 20'000);
        std::thread stopper([&] { s.server.stop(); });
        QTest::qWait(200); // stop() is waiting for the upload
        blocker.reset();
        stopper.join();
        const Answer a = Service::wait(reply);
        QVERIFY2(a.status == 201, a.body.constData());
        QCOMPARE(s.store.head(w.pharmacyId).lastSeq, qint64(3));
        s.server.start();
        QCOMPARE(s.send("GET", "/v1/health").status, 200);
    }

    void manyWorkstationsAtOnceLeaveEveryChainComplete()
    {
        Service s;
        constexpr int kPharmacies = 12, kSets = 15;
        QList<Workstation> stations;
        for (int i = 0; i < kPharmacies; ++i) {
            stations << s.activated(QStringLiteral("Pharmacy %1").arg(i));
            for (int k = 0; k < kSets; ++k)
                stations.last().sealNext(1 + (k % 4));
        }
        // Each workstation sends its sets in order, each after the last is acknowledged; all at the same time.
        // Once, each sends a set out of turn (a gap): refused while the others' uploads commit beside it (the
        // SQLite store commits concurrent uploads together, each in a savepoint of its own).
        QList<int> next(kPharmacies, 0), failures(kPharmacies, 0);
        QList<bool> probed(kPharmacies, false);
        int done = 0;
        QEventLoop loop;
        std::function<void(int)> sendNext = [&](int i) {
            Workstation &w = stations[i];
            const bool probe = next[i] == 5 && !probed[i];
            probed[i] = probed[i] || probe;
            const QByteArray &set = w.sealed[probe ? next[i] + 2 : next[i]];
            const qint64 first = changeset::inspect(set, w.key.publicKey()).header.firstSeq;
            QNetworkReply *reply = s.start("PUT", put(first), set, &w);
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, i, reply, probe] {
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                reply->deleteLater();
                if (status != (probe ? 409 : 201))
                    ++failures[i];
                if (probe)
                    sendNext(i);
                else if (++next[i] < kSets)
                    sendNext(i);
                else if (++done == kPharmacies)
                    loop.quit();
            });
        };
        for (int i = 0; i < kPharmacies; ++i)
            sendNext(i);
        loop.exec();
        for (int i = 0; i < kPharmacies; ++i) {
            QCOMPARE(failures[i], 0);
            const BackupStore::Head h = s.store.head(stations[i].pharmacyId);
            QCOMPARE(h.lastSeq, stations[i].journal.size());
            QCOMPARE(h.sets, kSets);
            QCOMPARE(h.setHash, changeset::setHash(stations[i].sealed.last()));
            // Gap-free: each stored set starts where the one before ended.
            qint64 expected = 1;
            for (const auto &stored : s.store.list(stations[i].pharmacyId, 1, 1000)) {
                QCOMPARE(stored.firstSeq, expected);
                expected = stored.lastSeq + 1;
            }
        }
    }
};

QTEST_GUILESS_MAIN(TstBackupd)
#include "tst_backupd.moc"
