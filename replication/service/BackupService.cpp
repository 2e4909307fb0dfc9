#include "BackupService.h"

#include "AwaitCallback.h"
#include "BackupApi.h"
#include "ChangeSet.h"
#include "CiiError.h"
#include "RequestSigning.h"

#include <QHostAddress>
#include <QCborArray>
#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QUrlQuery>

namespace cii::backupd {

namespace error = api::error;
namespace field = api::field;

namespace {

Response json(int status, const QJsonObject &o)
{
    return {status, "application/json", QJsonDocument(o).toJson(QJsonDocument::Compact)};
}

/// A JSON field name of BackupApi.h.
QString key(const char *name) { return QLatin1String(name); }

QByteArray hex(const QByteArray &b) { return b.toHex(); }

/// Request headers as the server hands them over: names in lower case.
const QByteArray kDeviceHeader = QByteArray(api::kDeviceHeader).toLower();
const QByteArray kTimeHeader = QByteArray(api::kTimeHeader).toLower();
const QByteArray kSignatureHeader = QByteArray(api::kSignatureHeader).toLower();

/// Where a path of the table may hold a sequence number.
constexpr char kSeq[] = "{seq}";

} // namespace

Response jsonError(int status, const char *code, const QString &message)
{
    return json(status, {{key(field::kError), QLatin1String(code)}, {key(field::kMessage), message}});
}

namespace {
Response replayed() { return jsonError(401, error::kReplayed, QStringLiteral("Refused: this exact request was already received.")); }
Response revoked()
{
    return jsonError(403, error::kRevoked, QStringLiteral("This device was replaced by another workstation of the pharmacy; it may no longer upload."));
}
Response tooManyRequests() { return jsonError(429, error::kTooManyRequests, QStringLiteral("Too many requests; slow down.")); }

/// The `from` of a list's or the bundle's target: 1 when absent, empty when not a sequence number.
std::optional<qint64> fromSeq(const QUrl &url)
{
    const QUrlQuery query(url);
    bool ok = true;
    const QString from = key(api::kFromParameter);
    const qint64 seq = query.hasQueryItem(from) ? query.queryItemValue(from).toLongLong(&ok) : 1;
    if (!ok || seq < 1)
        return std::nullopt;
    return seq;
}
Response badFrom() { return jsonError(400, error::kBadRequest, QStringLiteral("from must be a sequence number (1 or more).")); }
} // namespace

const QList<BackupService::Route> &BackupService::routes()
{
    using S = BackupService;
    const auto numbered = [](const char *path, const char *numbers) { return QByteArray(path) + numbers; };
    static const QList<Route> table = [&] {
        QList<Route> t{
            {api::kHealth, Access::Open, {{"GET", &S::health}}, {}},
            {api::kMetrics, Access::Open, {{"GET", &S::metricsPage}}, {}},
            {api::kActivate, Access::RateLimitedByAddress, {{"POST", &S::activate}}, {}},
            // An upload records its signature in its own transaction (one commit per upload); the rest in
            // authenticate().
            {numbered(api::kChangeSets, "/{seq}"), Access::SignedDevice,
             {{"GET", &S::getChangeSet}, {"PUT", &S::putChangeSet, true, true}}, {}},
            {numbered(api::kArchives, "/{seq}-{seq}"), Access::SignedDevice,
             {{"GET", &S::getArchive}, {"PUT", &S::putArchive, true}}, {}},
            {api::kChangeSets, Access::SignedDevice, {{"GET", &S::listChangeSets}}, {}},
            {api::kArchives, Access::SignedDevice, {{"GET", &S::listArchives}}, {}},
            {api::kChangeSetBundle, Access::SignedDevice, {{"GET", &S::changeSetBundle}}, {}},
            {api::kDevices, Access::SignedDevice, {{"GET", &S::listDevices}}, {}},
            {api::kHead, Access::SignedDevice, {{"GET", &S::head}}, {}},
            {api::kWrappedKey, Access::SignedDevice, {{"GET", &S::getWrappedKey}, {"PUT", &S::putWrappedKey}}, {}},
        };
        for (Route &r : t)
            if (r.path.contains(kSeq)) {
                QString pattern = QRegularExpression::escape(QString::fromLatin1(r.path));
                pattern.replace(QRegularExpression::escape(QLatin1String(kSeq)), QStringLiteral("([0-9]{1,18})"));
                r.pattern = QRegularExpression(QLatin1Char('^') + pattern + QLatin1Char('$'));
            }
        return t;
    }();
    return table;
}

const BackupService::Method *BackupService::Route::method(const QByteArray &name) const
{
    for (const Method &m : methods)
        if (m.name == name)
            return &m;
    return nullptr;
}

const BackupService::Route *BackupService::find(const QString &path, qint64 &first, qint64 &last)
{
    for (const Route &r : routes()) {
        if (r.pattern.pattern().isEmpty()) {
            if (path == QLatin1String(r.path))
                return &r;
            continue;
        }
        const QRegularExpressionMatch m = r.pattern.match(path);
        if (!m.hasMatch())
            continue;
        first = m.captured(1).toLongLong();
        last = m.lastCapturedIndex() >= 2 ? m.captured(2).toLongLong() : first;
        return &r;
    }
    return nullptr;
}

BackupService::BackupService(BackupStore &store, Limits limits, const Clock &clock)
    : m_store(store)
    , m_limits(limits)
    , m_clock(clock)
{
}

qint64 BackupService::bodyLimit(const Method *method) const
{
    return method && method->upload ? m_limits.maxUploadBytes : m_limits.maxSmallBodyBytes;
}

qint64 BackupService::bodyLimit(const QByteArray &method, const QByteArray &target) const
{
    qint64 first = 0, last = 0;
    const Route *route = find(QUrl(QString::fromUtf8(target)).path(), first, last);
    return bodyLimit(route ? route->method(method) : nullptr);
}

QByteArray BackupService::clientAddress(const Request &r) const
{
    if (!m_limits.trustedProxies.contains(r.peer))
        return r.peer;
    // Right to left: each proxy appends the address it received from; the first one not ours is the client.
    const QList<QByteArray> hops = r.headers.value("x-forwarded-for").split(',');
    for (auto it = hops.crbegin(); it != hops.crend(); ++it) {
        const QByteArray hop = it->trimmed();
        if (QHostAddress(QString::fromLatin1(hop)).isNull())
            return r.peer; // not an address: believe only the peer
        if (!m_limits.trustedProxies.contains(hop))
            return hop;
    }
    return r.peer;
}

bool BackupService::withinRate(const QByteArray &who)
{
    const qint64 second = m_clock.nowMs() / 1000;
    QMutexLocker lock(&m_rateMutex);
    if (m_rate.size() >= kRateEntries) {
        // A count from an earlier second says nothing any more: those go. Still half full (names by the
        // thousand within one second: a flood), every count goes.
        m_rate.removeIf([second](const auto &entry) { return entry.value().first != second; });
        if (m_rate.size() >= kRateEntries / 2)
            m_rate.clear();
    }
    auto &[at, count] = m_rate[who];
    if (at != second) {
        at = second;
        count = 0;
    }
    return ++count <= m_limits.requestsPerSecond;
}

void BackupService::handle(const Request &r, Answer answer)
{
    ++m_requests;
    std::optional<Response> out;
    try {
        out = route(r, answer);
    } catch (...) {
        out = serverError(std::current_exception());
    }
    if (out)
        finish(answer, std::move(*out));
}

Response BackupService::handle(const Request &r)
{
    return awaitCallback<Response>([&](auto given) { handle(r, Answer{[] {}, given}); });
}

void BackupService::finish(const Answer &answer, Response out)
{
    if (out.status >= 400)
        ++m_refused;
    answer.done(std::move(out));
}

Response BackupService::serverError(const std::exception_ptr &failure)
{
    ++m_errors;
    try {
        std::rethrow_exception(failure);
    } catch (const CiiError &e) {
        return jsonError(e.isRetryable() ? 503 : 500, error::kServerError, QStringLiteral("The service could not %1; try again.").arg(e.operation()));
    } catch (...) {
        return jsonError(500, error::kServerError, QStringLiteral("The service failed; try again."));
    }
}

std::optional<Response> BackupService::route(const Request &r, const Answer &answer)
{
    const QUrl url(QString::fromUtf8(r.target));
    const QString path = url.path();
    if (!url.isValid() || !r.target.startsWith('/'))
        return jsonError(400, error::kBadRequest, QStringLiteral("The request target is not a path."));
    qint64 first = 0, last = 0;
    const Route *route = find(path, first, last);
    const Method *method = route ? route->method(r.method) : nullptr;
    const qint64 limit = bodyLimit(method);
    if (r.body.size() > limit)
        return jsonError(413, error::kTooLarge, QStringLiteral("The body is larger than %1 bytes.").arg(limit));
    if (!route)
        return jsonError(404, error::kNotFound, QStringLiteral("There is no %1 here.").arg(path.left(80)));
    std::optional<BackupStore::Device> device;
    switch (route->access) {
    case Access::Open:
        break;
    case Access::RateLimitedByAddress:
        if (!withinRate("addr:" + clientAddress(r)))
            return tooManyRequests();
        break;
    case Access::SignedDevice: {
        Response refusal;
        device = authenticate(r, refusal, !(method && method->storeKeepsSignature));
        if (!device)
            return refusal;
        if (!withinRate("dev:" + device->id.toUtf8()))
            return method && method->storeKeepsSignature ? refusedOnce(r, *device, tooManyRequests()) : tooManyRequests();
        break;
    }
    }
    if (!method) {
        QStringList allowed;
        for (const Method &m : route->methods)
            allowed << QString::fromLatin1(m.name);
        return jsonError(405, error::kMethodNotAllowed, QStringLiteral("Use %1.").arg(allowed.join(QLatin1String(" or "))));
    }
    return (this->*method->handler)(Call{r, url, first, last, device ? &*device : nullptr, answer});
}

std::optional<BackupStore::Device> BackupService::authenticate(const Request &r, Response &refusal, bool recordNow)
{
    const QByteArray deviceId = r.headers.value(kDeviceHeader);
    if (deviceId.isEmpty() || deviceId.size() > 64) {
        refusal = jsonError(401, error::kUnsigned, QStringLiteral("The request is not signed by an activated device."));
        return std::nullopt;
    }
    // An upload checks revocation in the transaction that stores it, so its device may come from memory.
    const auto device = recordNow ? m_store.device(QString::fromUtf8(deviceId)) : m_store.knownDevice(QString::fromUtf8(deviceId));
    if (!device) {
        refusal = jsonError(401, error::kUnknownDevice, QStringLiteral("The device is not known here; activate it."));
        return std::nullopt;
    }
    const QString why = requestsig::check(device->publicKey, r.method, r.target, r.headers.value(kTimeHeader),
                                          r.headers.value(kSignatureHeader), r.body, m_clock.nowMs());
    if (!why.isEmpty()) {
        refusal = jsonError(401, error::kBadSignature, QStringLiteral("Refused: %1.").arg(why));
        return std::nullopt;
    }
    if (device->revoked) {
        refusal = revoked();
        return std::nullopt;
    }
    if (recordNow && !m_store.firstSeen(device->id, r.headers.value(kSignatureHeader), m_clock.nowMs(), requestsig::kWindowMs)) {
        refusal = replayed();
        return std::nullopt;
    }
    return device;
}

Response BackupService::refusedOnce(const Request &r, const BackupStore::Device &device, Response refusal)
{
    if (!m_store.firstSeen(device.id, r.headers.value(kSignatureHeader), m_clock.nowMs(), requestsig::kWindowMs))
        return replayed();
    return refusal;
}

std::optional<Response> BackupService::health(const Call &)
{
    return json(200, {{key(field::kStatus), QStringLiteral("ok")}});
}

std::optional<Response> BackupService::metricsPage(const Call &)
{
    return Response{200, "text/plain; version=0.0.4", metrics()};
}

std::optional<Response> BackupService::activate(const Call &c)
{
    QJsonParseError parsed;
    const QJsonDocument doc = QJsonDocument::fromJson(c.request.body, &parsed);
    const QJsonObject o = doc.object();
    const QString code = o.value(key(field::kCode)).toString();
    const QByteArray publicKey = QByteArray::fromBase64(o.value(key(field::kPublicKey)).toString().toLatin1());
    const QString name = o.value(key(field::kName)).toString().trimmed();
    if (parsed.error != QJsonParseError::NoError || !doc.isObject())
        return jsonError(400, error::kBadRequest, QStringLiteral("The body must be a JSON object with code, publicKey and name."));
    if (code.isEmpty() || code.size() > 40 || publicKey.size() != 32 || name.isEmpty() || name.size() > 80)
        return jsonError(400, error::kBadRequest, QStringLiteral("The activation needs a code, a 32-byte Ed25519 public key (base64) and a device name."));
    QString why;
    const auto device = m_store.activate(code, publicKey, name, m_clock.nowMs(), why);
    if (!device)
        return jsonError(403, error::kBadCode, QStringLiteral("Not activated: %1.").arg(why));
    return json(201, {{key(field::kPharmacyId), device->pharmacyId}, {key(field::kDeviceId), device->id},
                      {key(field::kPharmacyName), m_store.pharmacyName(device->pharmacyId).value_or(QString())}});
}

namespace {
/// The checks a change set and an archive share: format and signature (without the data key), and that the
/// signing device is the one the set names. The refusal when they do not pass.
std::optional<Response> inspectUpload(const Request &r, const BackupStore::Device &device, const QString &what, changeset::Opened &seen)
{
    seen = changeset::inspect(r.body, device.publicKey);
    if (!seen.ok())
        return jsonError(seen.failure == changeset::Failure::Signature ? 422 : 400, error::kBadChangeSet,
                         QStringLiteral("The %1 was refused (%2): %3.").arg(what, changeset::failureName(seen.failure), seen.reason));
    if (seen.header.pharmacyId != device.pharmacyId || seen.header.deviceId != device.id)
        return jsonError(403, error::kWrongPharmacy, QStringLiteral("The %1 names another pharmacy or device than the one signing it.").arg(what));
    return std::nullopt;
}
} // namespace

std::optional<Response> BackupService::putChangeSet(const Call &c)
{
    const Request &r = c.request;
    const BackupStore::Device &device = *c.device;
    changeset::Opened seen;
    // Refused before the store: its signature is recorded here (the store records an upload's own).
    if (const auto refusal = inspectUpload(r, device, QStringLiteral("change set"), seen))
        return refusedOnce(r, device, *refusal);
    const ChangeSetHeader &h = seen.header;
    if (h.firstSeq != c.first)
        return refusedOnce(r, device, jsonError(400, error::kBadRequest, QStringLiteral("The path says %1, the change set starts at %2.")
                                                                             .arg(c.first).arg(h.firstSeq)));
    if (h.kind != QLatin1String("changeset"))
        return refusedOnce(r, device, jsonError(400, error::kBadRequest, QStringLiteral("This is an archive; it goes to %1.")
                                                                             .arg(QString::fromLatin1(api::archiveTarget(h.firstSeq, h.lastSeq)))));
    // Stored in the next group commit; this thread goes on to other requests meanwhile.
    c.answer.willAnswerLater();
    const qint64 first = h.firstSeq, last = h.lastSeq, size = r.body.size();
    const QByteArray setHash = seen.setHash;
    BackupStore::Upload upload{device.pharmacyId, device.id, first, last, h.prevSetHash, setHash, r.body, m_clock.nowMs(),
                               BackupStore::RequestSeen{r.headers.value(kSignatureHeader)}};
    m_store.appendAsync(std::move(upload), [this, answer = c.answer, first, last, size, setHash](const BackupStore::Outcome &o) {
        finish(answer, o.error ? serverError(o.error) : uploadAnswer(o, first, last, size, setHash));
    });
    return std::nullopt;
}

Response BackupService::uploadAnswer(const BackupStore::Outcome &o, qint64 first, qint64 last, qint64 size, const QByteArray &setHash)
{
    const QJsonObject stored{{key(field::kStored), true}, {key(field::kLastSeq), last}, {key(field::kSetHash), QString::fromLatin1(hex(setHash))}};
    switch (o.result) {
    case BackupStore::Appended::Replayed:
        return replayed();
    case BackupStore::Appended::Revoked:
        return revoked();
    case BackupStore::Appended::Stored:
        ++m_stored;
        m_storedBytes += size;
        return json(201, stored);
    case BackupStore::Appended::AlreadyStored:
        return json(200, stored);
    case BackupStore::Appended::Gap: {
        Response out = jsonError(409, error::kGap, QStringLiteral("The chain continues at sequence number %1, not %2.").arg(o.expectedFirst).arg(first));
        QJsonObject body = QJsonDocument::fromJson(out.body).object();
        body.insert(key(field::kExpectedFirstSeq), o.expectedFirst);
        return json(409, body);
    }
    case BackupStore::Appended::Conflict:
        break;
    }
    return jsonError(409, error::kConflict, QStringLiteral("A different change set is already stored for sequence number %1, or it does not follow "
                                                           "the stored chain; nothing was changed.").arg(first));
}

std::optional<Response> BackupService::getChangeSet(const Call &c)
{
    const auto bytes = m_store.changeSet(c.device->pharmacyId, c.first);
    if (!bytes)
        return jsonError(404, error::kNotFound, QStringLiteral("No change set starts at %1.").arg(c.first));
    return Response{200, "application/octet-stream", *bytes};
}

std::optional<Response> BackupService::listChangeSets(const Call &c)
{
    return listStored(c, false);
}

std::optional<Response> BackupService::changeSetBundle(const Call &c)
{
    const auto from = fromSeq(c.url);
    if (!from)
        return badFrom();
    QCborArray sets;
    for (const QByteArray &bytes : m_store.changeSetBytes(c.device->pharmacyId, *from, 1000, 8LL * 1024 * 1024))
        sets.append(bytes);
    return Response{200, "application/cbor", sets.toCborValue().toCbor()};
}

std::optional<Response> BackupService::putArchive(const Call &c)
{
    const Request &r = c.request;
    const BackupStore::Device &device = *c.device;
    changeset::Opened seen;
    if (const auto refusal = inspectUpload(r, device, QStringLiteral("archive"), seen))
        return *refusal;
    const ChangeSetHeader &h = seen.header;
    if (h.kind != QLatin1String("archive"))
        return jsonError(400, error::kBadRequest, QStringLiteral("This is a change set, not an archive; it goes to %1.")
                                                      .arg(QString::fromLatin1(api::changeSetTarget(h.firstSeq))));
    if (h.firstSeq != c.first || h.lastSeq != c.last)
        return jsonError(400, error::kBadRequest, QStringLiteral("The path says %1-%2, the archive covers %3-%4.")
                                                      .arg(c.first).arg(c.last).arg(h.firstSeq).arg(h.lastSeq));
    QString why;
    const QJsonObject stored{{key(field::kStored), true}, {key(field::kFirstSeq), h.firstSeq}, {key(field::kLastSeq), h.lastSeq},
                             {key(field::kSetHash), QString::fromLatin1(hex(seen.setHash))}};
    switch (m_store.storeArchive(device.pharmacyId, device.id, h.firstSeq, h.lastSeq, h.prevSetHash, seen.setHash, r.body, m_clock.nowMs(), why)) {
    case BackupStore::Archived::Stored:
        ++m_archives;
        m_storedBytes += r.body.size();
        return json(201, stored);
    case BackupStore::Archived::AlreadyStored:
        return json(200, stored);
    case BackupStore::Archived::OutOfRange:
        return jsonError(409, error::kArchiveRange, QStringLiteral("The archive was refused: %1.").arg(why));
    case BackupStore::Archived::Conflict:
        break;
    }
    return jsonError(409, error::kConflict, QStringLiteral("A different archive of %1 to %2 is already stored; nothing was changed.").arg(c.first).arg(c.last));
}

std::optional<Response> BackupService::getArchive(const Call &c)
{
    const auto bytes = m_store.archive(c.device->pharmacyId, c.first, c.last);
    if (!bytes)
        return jsonError(404, error::kNotFound, QStringLiteral("No archive covers %1 to %2.").arg(c.first).arg(c.last));
    return Response{200, "application/octet-stream", *bytes};
}

std::optional<Response> BackupService::listArchives(const Call &c)
{
    return listStored(c, true);
}

Response BackupService::listStored(const Call &c, bool archives)
{
    const auto from = fromSeq(c.url);
    if (!from)
        return badFrom();
    QJsonArray sets;
    const QString &pharmacy = c.device->pharmacyId;
    const auto stored = archives ? m_store.listArchives(pharmacy, *from, 1000) : m_store.list(pharmacy, *from, 1000);
    for (const BackupStore::Stored &s : stored)
        sets.append(QJsonObject{{key(field::kFirstSeq), s.firstSeq}, {key(field::kLastSeq), s.lastSeq},
                                {key(field::kSize), s.size}, {key(field::kSetHash), QString::fromLatin1(hex(s.setHash))}});
    return json(200, {{key(archives ? field::kArchives : field::kChangeSets), sets}});
}

std::optional<Response> BackupService::listDevices(const Call &c)
{
    // A restore checks each stored set's signature with the key of the device that made it.
    QJsonArray devices;
    for (const BackupStore::Device &d : m_store.devices(c.device->pharmacyId))
        devices.append(QJsonObject{{key(field::kDeviceId), d.id}, {key(field::kName), d.name},
                                   {key(field::kPublicKey), QString::fromLatin1(d.publicKey.toBase64())},
                                   {key(field::kRevoked), d.revoked}});
    return json(200, {{key(field::kDevices), devices}});
}

std::optional<Response> BackupService::head(const Call &c)
{
    const BackupStore::Head h = m_store.head(c.device->pharmacyId);
    return json(200, {{key(field::kLastSeq), h.lastSeq}, {key(field::kSetHash), QString::fromLatin1(hex(h.setHash))},
                      {key(field::kSets), h.sets}, {key(field::kBytes), h.bytes}});
}

std::optional<Response> BackupService::putWrappedKey(const Call &c)
{
    // The wrapped backup key: stored and served, never interpreted.
    const auto decoded = QByteArray::fromBase64Encoding(c.request.body.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() < 32 || decoded.decoded.size() > 4096)
        return jsonError(400, error::kBadRequest, QStringLiteral("The wrapped key must be base64 of 32 to 4,096 bytes."));
    m_store.putWrappedKey(c.device->pharmacyId, decoded.decoded, m_clock.nowMs());
    return json(200, {{key(field::kStored), true}});
}

std::optional<Response> BackupService::getWrappedKey(const Call &c)
{
    const auto wrapped = m_store.wrappedKey(c.device->pharmacyId);
    if (!wrapped)
        return jsonError(404, error::kNotFound, QStringLiteral("No wrapped key is stored for this pharmacy."));
    return Response{200, "text/plain", wrapped->toBase64()};
}

QByteArray BackupService::metrics() const
{
    QByteArray out;
    const auto counter = [&](const char *name, const char *help, qint64 v) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " counter\n" + name + ' ' + QByteArray::number(v) + '\n';
    };
    counter("ciibackupd_requests_total", "Requests handled.", m_requests.load());
    counter("ciibackupd_refused_total", "Requests answered with a 4xx or 5xx status.", m_refused.load());
    counter("ciibackupd_errors_total", "Requests that failed inside the service.", m_errors.load());
    counter("ciibackupd_changesets_stored_total", "Change sets stored.", m_stored.load());
    counter("ciibackupd_changeset_bytes_stored_total", "Bytes of change sets and archives stored.", m_storedBytes.load());
    counter("ciibackupd_archives_stored_total", "Archives stored.", m_archives.load());
    counter("ciibackupd_shared_commits_total", "Commits that more than one upload shared (group commit).", m_store.sharedCommits());
    counter("ciibackupd_uploads_in_shared_commits_total", "Uploads stored in a shared commit.", m_store.uploadsInSharedCommits());
    const auto gauge = [&](const char *name, const char *help, qint64 v) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " gauge\n" + name + ' ' + QByteArray::number(v) + '\n';
    };
    gauge("ciibackupd_uploads_waiting", "Uploads waiting for their commit now.", m_store.uploadsWaiting());
    gauge("ciibackupd_devices_remembered", "Devices kept in memory now (a bounded number: the least recently used go first).",
          m_store.rememberedDevices());
    return out;
}

} // namespace cii::backupd
