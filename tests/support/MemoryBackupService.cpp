#include "MemoryBackupService.h"

#include "ChangeSet.h"
#include "ReplicationSettings.h"

#include <QMetaObject>
#include <QMutexLocker>
#include <QObject>
#include <QUuid>

namespace cii::test {

using namespace cii::sync;

namespace {

BackupError failure(BackupError::Kind kind, int status, const QString &code, const QString &message)
{
    BackupError e;
    e.kind = kind;
    e.status = status;
    e.code = code;
    e.message = message;
    return e;
}

template <typename T>
BackupResult<T> refused(int status, const QString &code, const QString &message)
{
    return BackupResult<T>::failure(failure(BackupError::Kind::Refused, status, code, message));
}

template <typename T>
BackupResult<T> conflict(const QString &code, const QString &message)
{
    return BackupResult<T>::failure(failure(BackupError::Kind::Conflict, 409, code, message));
}

} // namespace

/// A client of the memory service: the service answers at once, the answer is delivered later on this client's
/// thread through a context object, whose destruction drops the answers still queued (the cancellation contract).
class MemoryBackupService::Client final : public BackupClient
{
public:
    Client(MemoryBackupService &service, QString deviceId)
        : m_service(service)
        , m_deviceId(std::move(deviceId))
    {
    }

    void activate(const QString &code, const QByteArray &publicKey, const QString &deviceName, Done<Activated> done) override
    {
        later(std::move(done), m_service.activate(code, publicKey, deviceName));
    }
    void uploadChangeSet(qint64 firstSeq, const QByteArray &bytes, Done<Stored> done) override
    {
        later(std::move(done), m_service.uploadChangeSet(m_deviceId, firstSeq, bytes));
    }
    void uploadArchive(qint64 firstSeq, qint64 lastSeq, const QByteArray &bytes, Done<Stored> done) override
    {
        later(std::move(done), m_service.uploadArchive(m_deviceId, firstSeq, lastSeq, bytes));
    }
    void head(Done<ServiceHead> done) override { later(std::move(done), m_service.headOf(m_deviceId)); }
    void listChangeSets(qint64 fromSeq, Done<QList<StoredSet>> done) override
    {
        later(std::move(done), m_service.list(m_deviceId, fromSeq, false));
    }
    void listArchives(qint64 fromSeq, Done<QList<StoredSet>> done) override
    {
        later(std::move(done), m_service.list(m_deviceId, fromSeq, true));
    }
    void changeSetBundle(qint64 fromSeq, Done<QList<QByteArray>> done) override
    {
        later(std::move(done), m_service.bundle(m_deviceId, fromSeq));
    }
    void archive(qint64 firstSeq, qint64 lastSeq, Done<QByteArray> done) override
    {
        later(std::move(done), m_service.archive(m_deviceId, firstSeq, lastSeq));
    }
    void devices(Done<QList<ServiceDevice>> done) override { later(std::move(done), m_service.devicesOf(m_deviceId)); }
    void wrappedKey(Done<QByteArray> done) override { later(std::move(done), m_service.wrappedKey(m_deviceId)); }
    void putWrappedKey(const QByteArray &wrapped, Done<Stored> done) override
    {
        later(std::move(done), m_service.putWrappedKey(m_deviceId, wrapped));
    }

private:
    template <typename T>
    void later(Done<T> done, BackupResult<T> result)
    {
        QMetaObject::invokeMethod(
            &m_context, [done = std::move(done), result = std::move(result)] { done(result); }, Qt::QueuedConnection);
    }

    MemoryBackupService &m_service;
    const QString m_deviceId;
    QObject m_context; ///< of the thread that made the client
};

MemoryBackupService::MemoryBackupService(QString pharmacyName)
    : m_pharmacyId(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_pharmacyName(std::move(pharmacyName))
{
}

MemoryBackupService::~MemoryBackupService() = default;

QString MemoryBackupService::issueCode()
{
    QMutexLocker lock(&m_mutex);
    m_codes << QStringLiteral("CODE-%1").arg(m_codes.size() + 1);
    return m_codes.last();
}

BackupClientFactory MemoryBackupService::clients()
{
    return [this](const ReplicationSettings &as, int) -> std::unique_ptr<BackupClient> { return std::make_unique<Client>(*this, as.deviceId); };
}

qint64 MemoryBackupService::head() const
{
    QMutexLocker lock(&m_mutex);
    return m_sets.isEmpty() ? 0 : m_sets.last().lastSeq;
}

QList<StoredSet> MemoryBackupService::changeSets() const
{
    QMutexLocker lock(&m_mutex);
    QList<StoredSet> out;
    for (const Set &s : m_sets)
        out << StoredSet{s.firstSeq, s.lastSeq, s.bytes.size(), s.setHash};
    return out;
}

QList<StoredSet> MemoryBackupService::archives() const
{
    QMutexLocker lock(&m_mutex);
    QList<StoredSet> out;
    for (const Set &s : m_archives)
        out << StoredSet{s.firstSeq, s.lastSeq, s.bytes.size(), s.setHash};
    return out;
}

QList<ServiceDevice> MemoryBackupService::devices() const
{
    QMutexLocker lock(&m_mutex);
    return m_devices;
}

void MemoryBackupService::failNext(int n, const BackupError &failure)
{
    QMutexLocker lock(&m_mutex);
    m_failuresLeft = n;
    m_failure = failure;
}

BackupError MemoryBackupService::noAnswer()
{
    BackupError e = failure(BackupError::Kind::Transient, 0, {}, QStringLiteral("The backup service at memory cannot be reached: Connection refused."));
    e.networkError = QStringLiteral("Connection refused");
    return e;
}

BackupError MemoryBackupService::answered(int status, const QString &code)
{
    const bool transient = status == 429 || status == 502 || status == 503 || status == 504;
    return failure(transient ? BackupError::Kind::Transient : BackupError::Kind::Refused, status, code,
                   QStringLiteral("The backup service answered %1.").arg(status));
}

void MemoryBackupService::loseNextAnswer()
{
    QMutexLocker lock(&m_mutex);
    m_loseNextAnswer = true;
}

void MemoryBackupService::rollBackTo(qint64 lastSeq)
{
    QMutexLocker lock(&m_mutex);
    for (auto it = m_sets.begin(); it != m_sets.end();)
        it = it->lastSeq > lastSeq ? m_sets.erase(it) : std::next(it);
    for (auto it = m_archives.begin(); it != m_archives.end();)
        it = it->lastSeq > lastSeq ? m_archives.erase(it) : std::next(it);
}

void MemoryBackupService::dropChangeSet(qint64 firstSeq)
{
    QMutexLocker lock(&m_mutex);
    m_sets.remove(firstSeq);
}

QStringList MemoryBackupService::calls() const
{
    QMutexLocker lock(&m_mutex);
    return m_calls;
}

int MemoryBackupService::count(const QString &prefix) const
{
    QMutexLocker lock(&m_mutex);
    return int(std::count_if(m_calls.begin(), m_calls.end(), [&](const QString &c) { return c.startsWith(prefix); }));
}

std::optional<BackupError> MemoryBackupService::admit(const QString &call, const QString &deviceId, bool activation)
{
    m_calls << call;
    if (m_failuresLeft > 0) {
        --m_failuresLeft;
        return m_failure;
    }
    if (activation)
        return std::nullopt;
    const auto device = std::find_if(m_devices.begin(), m_devices.end(), [&](const ServiceDevice &d) { return d.deviceId == deviceId; });
    if (deviceId.isEmpty())
        return failure(BackupError::Kind::Refused, 401, QStringLiteral("unsigned"), QStringLiteral("The request is not signed by an activated device."));
    if (device == m_devices.end())
        return failure(BackupError::Kind::Refused, 401, QStringLiteral("unknown-device"), QStringLiteral("The request is not signed by an activated device."));
    if (device->revoked)
        return failure(BackupError::Kind::Revoked, 403, QStringLiteral("revoked"),
                       QStringLiteral("This device was revoked: another workstation was activated for the pharmacy."));
    return std::nullopt;
}

BackupResult<Activated> MemoryBackupService::activate(const QString &code, const QByteArray &publicKey, const QString &name)
{
    QMutexLocker lock(&m_mutex);
    if (const auto refusal = admit(QStringLiteral("activate"), {}, true))
        return BackupResult<Activated>::failure(*refusal);
    if (publicKey.size() != 32 || name.trimmed().isEmpty())
        return refused<Activated>(400, QStringLiteral("bad-request"),
                                  QStringLiteral("The activation needs a code, a 32-byte Ed25519 public key (base64) and a device name."));
    if (m_usedCodes.contains(code)) { // the same key asking again is answered as the first time
        for (const ServiceDevice &d : std::as_const(m_devices))
            if (d.deviceId == m_usedCodes.value(code) && d.publicKey == publicKey && !d.revoked)
                return BackupResult<Activated>::success({m_pharmacyId, m_pharmacyName, d.deviceId});
    }
    if (!m_codes.removeOne(code))
        return refused<Activated>(403, QStringLiteral("bad-code"), QStringLiteral("Not activated: the code is unknown, used or expired."));
    for (ServiceDevice &d : m_devices)
        d.revoked = true; // one pharmacy, one writing workstation
    m_devices << ServiceDevice{QUuid::createUuid().toString(QUuid::WithoutBraces), name.trimmed(), publicKey, false};
    m_usedCodes.insert(code, m_devices.last().deviceId);
    return BackupResult<Activated>::success({m_pharmacyId, m_pharmacyName, m_devices.last().deviceId});
}

BackupResult<Stored> MemoryBackupService::storedAnswer(Stored how)
{
    if (!m_loseNextAnswer)
        return BackupResult<Stored>::success(how);
    m_loseNextAnswer = false;
    return BackupResult<Stored>::failure(noAnswer());
}

namespace {

/// The checks the service makes of an upload without the data key; the refusal when they fail.
std::optional<BackupError> inspectUpload(const QByteArray &bytes, const ServiceDevice &device, const QString &pharmacyId,
                                         const QString &kind, changeset::Opened &seen)
{
    seen = changeset::inspect(bytes, device.publicKey);
    if (!seen.ok())
        return failure(BackupError::Kind::Refused, seen.failure == changeset::Failure::Signature ? 422 : 400, QStringLiteral("bad-changeset"),
                       QStringLiteral("The %1 was refused (%2): %3.").arg(kind, changeset::failureName(seen.failure), seen.reason));
    if (seen.header.pharmacyId != pharmacyId || seen.header.deviceId != device.deviceId)
        return failure(BackupError::Kind::Refused, 403, QStringLiteral("wrong-pharmacy"),
                       QStringLiteral("The %1 names another pharmacy or device than the one signing it.").arg(kind));
    if (seen.header.kind != kind)
        return failure(BackupError::Kind::Refused, 400, QStringLiteral("bad-request"), QStringLiteral("This is not a %1.").arg(kind));
    return std::nullopt;
}

} // namespace

BackupResult<Stored> MemoryBackupService::uploadChangeSet(const QString &deviceId, qint64 firstSeq, const QByteArray &bytes)
{
    QMutexLocker lock(&m_mutex);
    if (const auto refusal = admit(QStringLiteral("put changeset %1").arg(firstSeq), deviceId))
        return BackupResult<Stored>::failure(*refusal);
    const auto device = *std::find_if(m_devices.begin(), m_devices.end(), [&](const ServiceDevice &d) { return d.deviceId == deviceId; });
    changeset::Opened seen;
    if (const auto refusal = inspectUpload(bytes, device, m_pharmacyId, QStringLiteral("changeset"), seen))
        return BackupResult<Stored>::failure(*refusal);
    if (seen.header.firstSeq != firstSeq)
        return refused<Stored>(400, QStringLiteral("bad-request"),
                               QStringLiteral("The path says %1, the change set starts at %2.").arg(firstSeq).arg(seen.header.firstSeq));
    // The order of cii_append's checks: what is stored at that number, then the chain's end, then its hash.
    if (const auto stored = m_sets.constFind(firstSeq); stored != m_sets.cend()) {
        if (stored->setHash == seen.setHash)
            return storedAnswer(Stored::Already);
        return conflict<Stored>(QStringLiteral("conflict"), QStringLiteral("A different change set is already stored for sequence number %1, or "
                                                                           "it does not follow the stored chain; nothing was changed.").arg(firstSeq));
    }
    const qint64 expected = (m_sets.isEmpty() ? 0 : m_sets.last().lastSeq) + 1;
    if (firstSeq != expected) {
        BackupError gap = failure(BackupError::Kind::Gap, 409, QStringLiteral("gap"),
                                  QStringLiteral("The chain continues at sequence number %1, not %2.").arg(expected).arg(firstSeq));
        gap.expectedFirstSeq = expected;
        return BackupResult<Stored>::failure(gap);
    }
    const QByteArray endHash = m_sets.isEmpty() ? QByteArray(32, '\0') : m_sets.last().setHash;
    if (seen.header.prevSetHash != endHash)
        return conflict<Stored>(QStringLiteral("conflict"), QStringLiteral("A different change set is already stored for sequence number %1, or "
                                                                           "it does not follow the stored chain; nothing was changed.").arg(firstSeq));
    m_sets.insert(firstSeq, Set{firstSeq, seen.header.lastSeq, bytes, seen.setHash, seen.header.prevSetHash});
    return storedAnswer(Stored::Now);
}

BackupResult<Stored> MemoryBackupService::uploadArchive(const QString &deviceId, qint64 firstSeq, qint64 lastSeq, const QByteArray &bytes)
{
    QMutexLocker lock(&m_mutex);
    if (const auto refusal = admit(QStringLiteral("put archive %1-%2").arg(firstSeq).arg(lastSeq), deviceId))
        return BackupResult<Stored>::failure(*refusal);
    const auto device = *std::find_if(m_devices.begin(), m_devices.end(), [&](const ServiceDevice &d) { return d.deviceId == deviceId; });
    changeset::Opened seen;
    if (const auto refusal = inspectUpload(bytes, device, m_pharmacyId, QStringLiteral("archive"), seen))
        return BackupResult<Stored>::failure(*refusal);
    if (seen.header.firstSeq != firstSeq || seen.header.lastSeq != lastSeq)
        return refused<Stored>(400, QStringLiteral("bad-request"), QStringLiteral("The path says %1-%2, the archive covers %3-%4.")
                                                                    .arg(firstSeq).arg(lastSeq).arg(seen.header.firstSeq).arg(seen.header.lastSeq));
    if (const auto stored = m_archives.constFind({firstSeq, lastSeq}); stored != m_archives.cend()) {
        if (stored->setHash == seen.setHash)
            return storedAnswer(Stored::Already);
        return conflict<Stored>(QStringLiteral("conflict"),
                                QStringLiteral("A different archive of %1 to %2 is already stored; nothing was changed.").arg(firstSeq).arg(lastSeq));
    }
    const bool starts = m_sets.contains(firstSeq);
    const auto ending = std::find_if(m_sets.cbegin(), m_sets.cend(), [&](const Set &s) { return s.lastSeq == lastSeq; });
    const auto before = std::find_if(m_sets.cbegin(), m_sets.cend(), [&](const Set &s) { return s.lastSeq == firstSeq - 1; });
    const QByteArray beforeHash = firstSeq == 1 ? QByteArray(32, '\0') : before == m_sets.cend() ? QByteArray() : before->setHash;
    QString why;
    if (!starts)
        why = QStringLiteral("no stored change set starts at %1; an archive covers what the chain already holds").arg(firstSeq);
    else if (ending == m_sets.cend())
        why = QStringLiteral("no stored change set ends at %1; an archive ends where one does").arg(lastSeq);
    else if (seen.header.prevSetHash != beforeHash)
        why = QStringLiteral("it does not continue the change set before %1").arg(firstSeq);
    if (!why.isEmpty())
        return conflict<Stored>(QStringLiteral("archive-range"), QStringLiteral("The archive was refused: %1.").arg(why));
    m_archives.insert({firstSeq, lastSeq}, Set{firstSeq, lastSeq, bytes, seen.setHash, seen.header.prevSetHash});
    return storedAnswer(Stored::Now);
}

BackupResult<ServiceHead> MemoryBackupService::headOf(const QString &deviceId)
{
    QMutexLocker lock(&m_mutex);
    if (const auto refusal = admit(QStringLiteral("head"), deviceId))
        return BackupResult<ServiceHead>::failure(*refusal);
    ServiceHead h;
    h.lastSeq = m_sets.isEmpty() ? 0 : m_sets.last().lastSeq;
    h.setHash = m_sets.isEmpty() ? QByteArray(32, '\0') : m_sets.last().setHash;
    h.sets = m_sets.size();
    for (const Set &s : m_sets)
        h.bytes += s.bytes.size();
    return BackupResult<ServiceHead>::success(h);
}

BackupResult<QList<StoredSet>> MemoryBackupService::list(const QString &deviceId, qint64 fromSeq, bool archives)
{
    QMutexLocker lock(&m_mutex);
    if (const auto refusal = admit(QStringLiteral("list %1 %2").arg(archives ? "archives" : "changesets").arg(fromSeq), deviceId))
        return BackupResult<QList<StoredSet>>::failure(*refusal);
    QList<StoredSet> out;
    for (const Set &s : archives ? m_archives.values() : m_sets.values()) {
        if (s.lastSeq >= fromSeq && out.size() < 1000)
            out << StoredSet{s.firstSeq, s.lastSeq, s.bytes.size(), s.setHash};
    }
    return BackupResult<QList<StoredSet>>::success(out);
}

BackupResult<QList<QByteArray>> MemoryBackupService::bundle(const QString &deviceId, qint64 fromSeq)
{
    QMutexLocker lock(&m_mutex);
    if (const auto refusal = admit(QStringLiteral("bundle %1").arg(fromSeq), deviceId))
        return BackupResult<QList<QByteArray>>::failure(*refusal);
    QList<QByteArray> out;
    qint64 bytes = 0;
    for (const Set &s : m_sets) {
        if (s.lastSeq < fromSeq)
            continue;
        if (out.size() >= 1000 || (!out.isEmpty() && bytes >= 8LL * 1024 * 1024))
            break;
        out << s.bytes;
        bytes += s.bytes.size();
    }
    return BackupResult<QList<QByteArray>>::success(out);
}

BackupResult<QByteArray> MemoryBackupService::archive(const QString &deviceId, qint64 firstSeq, qint64 lastSeq)
{
    QMutexLocker lock(&m_mutex);
    if (const auto refusal = admit(QStringLiteral("archive %1-%2").arg(firstSeq).arg(lastSeq), deviceId))
        return BackupResult<QByteArray>::failure(*refusal);
    const auto stored = m_archives.constFind({firstSeq, lastSeq});
    if (stored == m_archives.cend())
        return BackupResult<QByteArray>::failure(failure(BackupError::Kind::NotFound, 404, QStringLiteral("not-found"),
                                                         QStringLiteral("No archive covers %1 to %2.").arg(firstSeq).arg(lastSeq)));
    return BackupResult<QByteArray>::success(stored->bytes);
}

BackupResult<QList<ServiceDevice>> MemoryBackupService::devicesOf(const QString &deviceId)
{
    QMutexLocker lock(&m_mutex);
    if (const auto refusal = admit(QStringLiteral("devices"), deviceId))
        return BackupResult<QList<ServiceDevice>>::failure(*refusal);
    return BackupResult<QList<ServiceDevice>>::success(m_devices);
}

BackupResult<QByteArray> MemoryBackupService::wrappedKey(const QString &deviceId)
{
    QMutexLocker lock(&m_mutex);
    if (const auto refusal = admit(QStringLiteral("wrapped-key"), deviceId))
        return BackupResult<QByteArray>::failure(*refusal);
    if (!m_wrappedKey)
        return BackupResult<QByteArray>::failure(failure(BackupError::Kind::NotFound, 404, QStringLiteral("not-found"),
                                                         QStringLiteral("No wrapped key is stored for this pharmacy.")));
    return BackupResult<QByteArray>::success(*m_wrappedKey);
}

BackupResult<Stored> MemoryBackupService::putWrappedKey(const QString &deviceId, const QByteArray &wrapped)
{
    QMutexLocker lock(&m_mutex);
    if (const auto refusal = admit(QStringLiteral("put wrapped-key"), deviceId))
        return BackupResult<Stored>::failure(*refusal);
    if (wrapped.size() < 32 || wrapped.size() > 4096)
        return refused<Stored>(400, QStringLiteral("bad-request"), QStringLiteral("The wrapped key must be base64 of 32 to 4,096 bytes."));
    m_wrappedKey = wrapped;
    return BackupResult<Stored>::success(Stored::Now);
}

} // namespace cii::test
