#include "BackupService.h"

#include "AwaitCallback.h"
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
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace cii::backupd {
namespace {

Response json(int status, const QJsonObject &o)
{
    return {status, "application/json", QJsonDocument(o).toJson(QJsonDocument::Compact)};
}

QByteArray hex(const QByteArray &b) { return b.toHex(); }

} // namespace

Response jsonError(int status, const char *code, const QString &message)
{
    return json(status, {{QStringLiteral("error"), QLatin1String(code)}, {QStringLiteral("message"), message}});
}

namespace {
Response replayed() { return jsonError(401, "replayed", QStringLiteral("Refused: this exact request was already received.")); }
Response revoked()
{
    return jsonError(403, "revoked", QStringLiteral("This device was replaced by another workstation of the pharmacy; it may no longer upload."));
}
} // namespace

BackupService::BackupService(BackupStore &store, Limits limits, std::function<qint64()> clock)
    : m_store(store)
    , m_limits(limits)
    , m_clock(std::move(clock))
{
}

qint64 BackupService::bodyLimit(const QByteArray &method, const QByteArray &target) const
{
    const bool upload = target.startsWith("/v1/changesets/") || target.startsWith("/v1/archives/");
    return method == "PUT" && upload ? m_limits.maxUploadBytes : m_limits.maxSmallBodyBytes;
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
    const qint64 second = m_clock() / 1000;
    QMutexLocker lock(&m_rateMutex);
    if (m_rate.size() > 100'000)
        m_rate.clear();
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

Response BackupService::serverError(const std::exception_ptr &error)
{
    ++m_errors;
    try {
        std::rethrow_exception(error);
    } catch (const CiiError &e) {
        return jsonError(e.isRetryable() ? 503 : 500, "server-error", QStringLiteral("The service could not %1; try again.").arg(e.operation()));
    } catch (...) {
        return jsonError(500, "server-error", QStringLiteral("The service failed; try again."));
    }
}

std::optional<Response> BackupService::route(const Request &r, const Answer &answer)
{
    const QUrl url(QString::fromUtf8(r.target));
    const QString path = url.path();
    if (!url.isValid() || !r.target.startsWith('/'))
        return jsonError(400, "bad-request", QStringLiteral("The request target is not a path."));
    if (r.body.size() > bodyLimit(r.method, r.target))
        return jsonError(413, "too-large", QStringLiteral("The body is larger than %1 bytes.").arg(bodyLimit(r.method, r.target)));
    if (path == QLatin1String("/v1/health"))
        return r.method == "GET" ? json(200, {{QStringLiteral("status"), QStringLiteral("ok")}})
                                 : jsonError(405, "method-not-allowed", QStringLiteral("Use GET."));
    if (path == QLatin1String("/metrics"))
        return r.method == "GET" ? Response{200, "text/plain; version=0.0.4", metrics()}
                                 : jsonError(405, "method-not-allowed", QStringLiteral("Use GET."));
    if (path == QLatin1String("/v1/activate")) {
        if (!withinRate("addr:" + clientAddress(r)))
            return jsonError(429, "too-many-requests", QStringLiteral("Too many requests; slow down."));
        return r.method == "POST" ? activate(r) : jsonError(405, "method-not-allowed", QStringLiteral("Use POST."));
    }
    static const QRegularExpression one(QStringLiteral("^/v1/changesets/([0-9]{1,18})$"));
    static const QRegularExpression oneArchive(QStringLiteral("^/v1/archives/([0-9]{1,18})-([0-9]{1,18})$"));
    const auto match = one.match(path);
    const auto archiveMatch = oneArchive.match(path);
    const bool known = match.hasMatch() || archiveMatch.hasMatch() || path == QLatin1String("/v1/changesets")
                       || path == QLatin1String("/v1/archives") || path == QLatin1String("/v1/head")
                       || path == QLatin1String("/v1/wrapped-key") || path == QLatin1String("/v1/devices")
                       || path == QLatin1String("/v1/changeset-bundle");
    if (!known)
        return jsonError(404, "not-found", QStringLiteral("There is no %1 here.").arg(path.left(80)));
    Response refusal;
    // An upload records its signature in its own transaction (one commit per upload); the rest here.
    const bool upload = match.hasMatch() && r.method == "PUT";
    const auto device = authenticate(r, refusal, !upload);
    if (!device)
        return refusal;
    if (!withinRate("dev:" + device->id.toUtf8()))
        return jsonError(429, "too-many-requests", QStringLiteral("Too many requests; slow down."));
    if (match.hasMatch()) {
        const qint64 first = match.captured(1).toLongLong();
        if (r.method == "PUT")
            return uploadChangeSet(r, *device, first, answer);
        if (r.method != "GET")
            return jsonError(405, "method-not-allowed", QStringLiteral("Use GET or PUT."));
        const auto bytes = m_store.changeSet(device->pharmacyId, first);
        if (!bytes)
            return jsonError(404, "not-found", QStringLiteral("No change set starts at %1.").arg(first));
        return Response{200, "application/octet-stream", *bytes};
    }
    if (archiveMatch.hasMatch()) {
        const qint64 first = archiveMatch.captured(1).toLongLong(), last = archiveMatch.captured(2).toLongLong();
        if (r.method == "PUT")
            return uploadArchive(r, *device, first, last);
        if (r.method != "GET")
            return jsonError(405, "method-not-allowed", QStringLiteral("Use GET or PUT."));
        const auto bytes = m_store.archive(device->pharmacyId, first, last);
        if (!bytes)
            return jsonError(404, "not-found", QStringLiteral("No archive covers %1 to %2.").arg(first).arg(last));
        return Response{200, "application/octet-stream", *bytes};
    }
    if (path == QLatin1String("/v1/changesets") || path == QLatin1String("/v1/archives"))
        return r.method == "GET" ? listChangeSets(r, *device, path == QLatin1String("/v1/archives"))
                                 : jsonError(405, "method-not-allowed", QStringLiteral("Use GET."));
    if (path == QLatin1String("/v1/changeset-bundle")) {
        if (r.method != "GET")
            return jsonError(405, "method-not-allowed", QStringLiteral("Use GET."));
        bool ok = true;
        const QUrlQuery query(url);
        const qint64 from = query.hasQueryItem(QStringLiteral("from")) ? query.queryItemValue(QStringLiteral("from")).toLongLong(&ok) : 1;
        if (!ok || from < 1)
            return jsonError(400, "bad-request", QStringLiteral("from must be a sequence number (1 or more)."));
        QCborArray sets;
        for (const QByteArray &bytes : m_store.changeSetBytes(device->pharmacyId, from, 1000, 8LL * 1024 * 1024))
            sets.append(bytes);
        return Response{200, "application/cbor", sets.toCborValue().toCbor()};
    }
    if (path == QLatin1String("/v1/devices")) {
        // A restore checks each stored set's signature with the key of the device that made it.
        if (r.method != "GET")
            return jsonError(405, "method-not-allowed", QStringLiteral("Use GET."));
        QJsonArray devices;
        for (const BackupStore::Device &d : m_store.devices(device->pharmacyId))
            devices.append(QJsonObject{{QStringLiteral("deviceId"), d.id}, {QStringLiteral("name"), d.name},
                                       {QStringLiteral("publicKey"), QString::fromLatin1(d.publicKey.toBase64())},
                                       {QStringLiteral("revoked"), d.revoked}});
        return json(200, {{QStringLiteral("devices"), devices}});
    }
    if (path == QLatin1String("/v1/head")) {
        if (r.method != "GET")
            return jsonError(405, "method-not-allowed", QStringLiteral("Use GET."));
        const BackupStore::Head h = m_store.head(device->pharmacyId);
        return json(200, {{QStringLiteral("lastSeq"), h.lastSeq}, {QStringLiteral("setHash"), QString::fromLatin1(hex(h.setHash))},
                          {QStringLiteral("sets"), h.sets}, {QStringLiteral("bytes"), h.bytes}});
    }
    // The wrapped backup key.
    if (r.method == "PUT") {
        const auto decoded = QByteArray::fromBase64Encoding(r.body.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.size() < 32 || decoded.decoded.size() > 4096)
            return jsonError(400, "bad-request", QStringLiteral("The wrapped key must be base64 of 32 to 4,096 bytes."));
        m_store.putWrappedKey(device->pharmacyId, decoded.decoded, m_clock());
        return json(200, {{QStringLiteral("stored"), true}});
    }
    if (r.method != "GET")
        return jsonError(405, "method-not-allowed", QStringLiteral("Use GET or PUT."));
    const auto wrapped = m_store.wrappedKey(device->pharmacyId);
    if (!wrapped)
        return jsonError(404, "not-found", QStringLiteral("No wrapped key is stored for this pharmacy."));
    return Response{200, "text/plain", wrapped->toBase64()};
}

std::optional<BackupStore::Device> BackupService::authenticate(const Request &r, Response &refusal, bool recordNow)
{
    const QByteArray deviceId = r.headers.value("x-cii-device");
    if (deviceId.isEmpty() || deviceId.size() > 64) {
        refusal = jsonError(401, "unsigned", QStringLiteral("The request is not signed by an activated device."));
        return std::nullopt;
    }
    // An upload checks revocation in the transaction that stores it, so its device may come from memory.
    const auto device = recordNow ? m_store.device(QString::fromUtf8(deviceId)) : m_store.knownDevice(QString::fromUtf8(deviceId));
    if (!device) {
        refusal = jsonError(401, "unknown-device", QStringLiteral("The device is not known here; activate it."));
        return std::nullopt;
    }
    const QString why = requestsig::check(device->publicKey, r.method, r.target, r.headers.value("x-cii-time"),
                                          r.headers.value("x-cii-signature"), r.body, m_clock());
    if (!why.isEmpty()) {
        refusal = jsonError(401, "bad-signature", QStringLiteral("Refused: %1.").arg(why));
        return std::nullopt;
    }
    if (device->revoked) {
        refusal = revoked();
        return std::nullopt;
    }
    if (recordNow && !m_store.firstSeen(device->id, r.headers.value("x-cii-signature"), m_clock(), requestsig::kWindowMs)) {
        refusal = replayed();
        return std::nullopt;
    }
    return device;
}

Response BackupService::activate(const Request &r)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &error);
    const QJsonObject o = doc.object();
    const QString code = o.value(QStringLiteral("code")).toString();
    const QByteArray key = QByteArray::fromBase64(o.value(QStringLiteral("publicKey")).toString().toLatin1());
    const QString name = o.value(QStringLiteral("name")).toString().trimmed();
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return jsonError(400, "bad-request", QStringLiteral("The body must be a JSON object with code, publicKey and name."));
    if (code.isEmpty() || code.size() > 40 || key.size() != 32 || name.isEmpty() || name.size() > 80)
        return jsonError(400, "bad-request", QStringLiteral("The activation needs a code, a 32-byte Ed25519 public key (base64) and a device name."));
    QString why;
    const auto device = m_store.activate(code, key, name, m_clock(), why);
    if (!device)
        return jsonError(403, "bad-code", QStringLiteral("Not activated: %1.").arg(why));
    return json(201, {{QStringLiteral("pharmacyId"), device->pharmacyId}, {QStringLiteral("deviceId"), device->id},
                      {QStringLiteral("pharmacyName"), m_store.pharmacyName(device->pharmacyId).value_or(QString())}});
}

namespace {
/// The checks a change set and an archive share: format and signature (without the data key), and that the
/// signing device is the one the set names. The refusal when they do not pass.
std::optional<Response> inspectUpload(const Request &r, const BackupStore::Device &device, const QString &what, changeset::Opened &seen)
{
    seen = changeset::inspect(r.body, device.publicKey);
    if (!seen.ok())
        return jsonError(seen.failure == changeset::Failure::Signature ? 422 : 400, "bad-changeset",
                            QStringLiteral("The %1 was refused (%2): %3.").arg(what, changeset::failureName(seen.failure), seen.reason));
    if (seen.header.pharmacyId != device.pharmacyId || seen.header.deviceId != device.id)
        return jsonError(403, "wrong-pharmacy", QStringLiteral("The %1 names another pharmacy or device than the one signing it.").arg(what));
    return std::nullopt;
}
} // namespace

std::optional<Response> BackupService::uploadChangeSet(const Request &r, const BackupStore::Device &device, qint64 firstSeq,
                                                       const Answer &answer)
{
    changeset::Opened seen;
    if (const auto refusal = inspectUpload(r, device, QStringLiteral("change set"), seen))
        return *refusal;
    const ChangeSetHeader &h = seen.header;
    if (h.firstSeq != firstSeq)
        return jsonError(400, "bad-request", QStringLiteral("The path says %1, the change set starts at %2.").arg(firstSeq).arg(h.firstSeq));
    if (h.kind != QLatin1String("changeset"))
        return jsonError(400, "bad-request", QStringLiteral("This is an archive; it goes to /v1/archives/%1-%2.").arg(h.firstSeq).arg(h.lastSeq));
    // Stored in the next group commit; this thread goes on to other requests meanwhile.
    answer.willAnswerLater();
    const qint64 first = h.firstSeq, last = h.lastSeq, size = r.body.size();
    const QByteArray setHash = seen.setHash;
    BackupStore::Upload upload{device.pharmacyId, device.id, first, last, h.prevSetHash, setHash, r.body, m_clock(),
                               BackupStore::RequestSeen{r.headers.value("x-cii-signature")}};
    m_store.appendAsync(std::move(upload), [this, answer, first, last, size, setHash](const BackupStore::Outcome &o) {
        finish(answer, o.error ? serverError(o.error) : uploadAnswer(o, first, last, size, setHash));
    });
    return std::nullopt;
}

Response BackupService::uploadAnswer(const BackupStore::Outcome &o, qint64 first, qint64 last, qint64 size, const QByteArray &setHash)
{
    switch (o.result) {
    case BackupStore::Appended::Replayed:
        return replayed();
    case BackupStore::Appended::Revoked:
        return revoked();
    case BackupStore::Appended::Stored:
        ++m_stored;
        m_storedBytes += size;
        return json(201, {{QStringLiteral("stored"), true}, {QStringLiteral("lastSeq"), last},
                          {QStringLiteral("setHash"), QString::fromLatin1(hex(setHash))}});
    case BackupStore::Appended::AlreadyStored:
        return json(200, {{QStringLiteral("stored"), true}, {QStringLiteral("lastSeq"), last},
                          {QStringLiteral("setHash"), QString::fromLatin1(hex(setHash))}});
    case BackupStore::Appended::Gap: {
        Response out = jsonError(409, "gap", QStringLiteral("The chain continues at sequence number %1, not %2.").arg(o.expectedFirst).arg(first));
        QJsonObject body = QJsonDocument::fromJson(out.body).object();
        body.insert(QStringLiteral("expectedFirstSeq"), o.expectedFirst);
        return json(409, body);
    }
    case BackupStore::Appended::Conflict:
        break;
    }
    return jsonError(409, "conflict", QStringLiteral("A different change set is already stored for sequence number %1, or it does not follow "
                                                     "the stored chain; nothing was changed.").arg(first));
}

Response BackupService::uploadArchive(const Request &r, const BackupStore::Device &device, qint64 firstSeq, qint64 lastSeq)
{
    changeset::Opened seen;
    if (const auto refusal = inspectUpload(r, device, QStringLiteral("archive"), seen))
        return *refusal;
    const ChangeSetHeader &h = seen.header;
    if (h.kind != QLatin1String("archive"))
        return jsonError(400, "bad-request", QStringLiteral("This is a change set, not an archive; it goes to /v1/changesets/%1.").arg(h.firstSeq));
    if (h.firstSeq != firstSeq || h.lastSeq != lastSeq)
        return jsonError(400, "bad-request", QStringLiteral("The path says %1-%2, the archive covers %3-%4.")
                                                 .arg(firstSeq).arg(lastSeq).arg(h.firstSeq).arg(h.lastSeq));
    QString why;
    const QJsonObject stored{{QStringLiteral("stored"), true}, {QStringLiteral("firstSeq"), h.firstSeq}, {QStringLiteral("lastSeq"), h.lastSeq},
                             {QStringLiteral("setHash"), QString::fromLatin1(hex(seen.setHash))}};
    switch (m_store.storeArchive(device.pharmacyId, device.id, h.firstSeq, h.lastSeq, h.prevSetHash, seen.setHash, r.body, m_clock(), why)) {
    case BackupStore::Archived::Stored:
        ++m_archives;
        m_storedBytes += r.body.size();
        return json(201, stored);
    case BackupStore::Archived::AlreadyStored:
        return json(200, stored);
    case BackupStore::Archived::OutOfRange:
        return jsonError(409, "archive-range", QStringLiteral("The archive was refused: %1.").arg(why));
    case BackupStore::Archived::Conflict:
        break;
    }
    return jsonError(409, "conflict", QStringLiteral("A different archive of %1 to %2 is already stored; nothing was changed.").arg(firstSeq).arg(lastSeq));
}

Response BackupService::listChangeSets(const Request &r, const BackupStore::Device &device, bool archives)
{
    const QUrlQuery query(QUrl(QString::fromUtf8(r.target)));
    bool ok = true;
    const qint64 from = query.hasQueryItem(QStringLiteral("from")) ? query.queryItemValue(QStringLiteral("from")).toLongLong(&ok) : 1;
    if (!ok || from < 1)
        return jsonError(400, "bad-request", QStringLiteral("from must be a sequence number (1 or more)."));
    QJsonArray sets;
    const auto stored = archives ? m_store.listArchives(device.pharmacyId, from, 1000) : m_store.list(device.pharmacyId, from, 1000);
    for (const BackupStore::Stored &s : stored)
        sets.append(QJsonObject{{QStringLiteral("firstSeq"), s.firstSeq}, {QStringLiteral("lastSeq"), s.lastSeq},
                                {QStringLiteral("size"), s.size}, {QStringLiteral("setHash"), QString::fromLatin1(hex(s.setHash))}});
    return json(200, {{archives ? QStringLiteral("archives") : QStringLiteral("changesets"), sets}});
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
    out += QByteArray("# HELP ciibackupd_uploads_waiting Uploads waiting for their commit now.\n# TYPE ciibackupd_uploads_waiting gauge\n"
                      "ciibackupd_uploads_waiting ") + QByteArray::number(m_store.uploadsWaiting()) + '\n';
    return out;
}

} // namespace cii::backupd
