#include "HttpBackupClient.h"

#include "BackupApi.h"
#include "DeviceKey.h"
#include "ReplicationSettings.h"
#include "RequestSigning.h"

#include <QCborArray>
#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <cstring>

namespace cii::sync {
namespace {

QString str(const char *name) { return QString::fromLatin1(name); }

/// The service's address with `target` ("/v1/...", perhaps with a query) as its path, after any path prefix of a
/// proxied service.
QUrl urlOf(const QUrl &service, const QByteArray &target)
{
    QUrl url = service;
    QString prefix = service.path();
    if (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    const qsizetype question = target.indexOf('?');
    url.setPath(prefix + QString::fromLatin1(target.left(question < 0 ? target.size() : question)));
    url.setQuery(question < 0 ? QString() : QString::fromLatin1(target.mid(question + 1)));
    return url;
}

QJsonObject objectOf(const QByteArray &body, bool &ok)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    ok = error.error == QJsonParseError::NoError && doc.isObject();
    return doc.object();
}

std::optional<QList<StoredSet>> setsOf(const QByteArray &body, const char *listName)
{
    bool ok = false;
    const QJsonObject o = objectOf(body, ok);
    if (!ok)
        return std::nullopt;
    QList<StoredSet> out;
    for (const auto &v : o.value(str(listName)).toArray()) {
        const QJsonObject s = v.toObject();
        out << StoredSet{s.value(str(api::field::kFirstSeq)).toInteger(), s.value(str(api::field::kLastSeq)).toInteger(),
                         s.value(str(api::field::kSize)).toInteger(),
                         QByteArray::fromHex(s.value(str(api::field::kSetHash)).toString().toLatin1())};
    }
    return out;
}

/// A request body that Qt Network reads once and can never read again. QHttpNetworkConnectionChannel sends a
/// request again by itself when its connection closes before the answer starts (up to three times), rewinding the
/// body to do so; with a body Qt buffers (a QByteArray) that resend is silent, so a request the service acted on,
/// whose answer was lost, would reach it again. This body cannot be rewound (reset() fails and it is sequential),
/// and with DoNotBufferUploadDataAttribute and a Content-Length Qt keeps no copy of it: such a resend fails
/// instead (ContentReSendError, nothing answered) and the caller decides whether to ask again.
class OneShotBody final : public QIODevice
{
public:
    explicit OneShotBody(QByteArray bytes)
        : m_bytes(std::move(bytes))
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override { return m_bytes.size() - m_at + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 max) override
    {
        if (m_at >= m_bytes.size())
            return -1; // the end (a sequential device's 0 would mean "nothing yet")
        const qint64 n = qMin(max, m_bytes.size() - m_at);
        std::memcpy(data, m_bytes.constData() + m_at, size_t(n));
        m_at += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    const QByteArray m_bytes;
    qint64 m_at = 0;
};

BackupError unreadable(int status)
{
    BackupError e;
    e.kind = BackupError::Kind::Refused;
    e.status = status;
    e.message = QStringLiteral("The backup service's answer could not be read.");
    return e;
}

} // namespace

HttpBackupClient::HttpBackupClient(Options options)
    : m_o(std::move(options))
    , m_net(new QNetworkAccessManager)
{
    m_net->setAutoDeleteReplies(false);
}

HttpBackupClient::~HttpBackupClient()
{
    // Cancellation: the requests in flight are aborted and their callbacks never run.
    for (QNetworkReply *reply : m_net->findChildren<QNetworkReply *>()) {
        QObject::disconnect(reply, nullptr, m_net, nullptr);
        reply->abort();
    }
    delete m_net;
}

HttpBackupClient::Options HttpBackupClient::optionsFor(const ReplicationSettings &as, int timeoutMs)
{
    Options o;
    o.service = as.serviceUrl;
    o.pinnedCaPem = as.pinnedCaPem;
    o.deviceId = as.deviceId;
    o.devicePrivateKey = as.devicePrivateKey;
    o.timeoutMs = timeoutMs;
    return o;
}

BackupClientFactory HttpBackupClient::factory()
{
    return [](const ReplicationSettings &as, int timeoutMs) -> std::unique_ptr<BackupClient> {
        return std::make_unique<HttpBackupClient>(optionsFor(as, timeoutMs));
    };
}

void HttpBackupClient::send(const QByteArray &method, const QByteArray &target, const QByteArray &body, const QByteArray &contentType,
                            std::function<void(const Answer &)> done, bool unsigned_)
{
    const QUrl url = urlOf(m_o.service, target);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    request.setTransferTimeout(m_o.timeoutMs);
    if (!unsigned_) {
        // The signature covers the path and query as sent, a proxy's prefix included.
        QByteArray signedTarget = url.path(QUrl::FullyEncoded).toUtf8();
        if (url.hasQuery())
            signedTarget += '?' + url.query(QUrl::FullyEncoded).toUtf8();
        const auto h = requestsig::sign(DeviceKey::fromPrivateKey(m_o.devicePrivateKey), m_o.deviceId, method, signedTarget,
                                        m_o.clock->nowMs(), body);
        request.setRawHeader(api::kDeviceHeader, h.device);
        request.setRawHeader(api::kTimeHeader, h.time);
        request.setRawHeader(api::kSignatureHeader, h.signature);
    }
    if (!m_o.pinnedCaPem.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromData(m_o.pinnedCaPem));
        request.setSslConfiguration(tls);
    }
    QNetworkReply *reply = nullptr;
    if (method == "GET") {
        reply = m_net->sendCustomRequest(request, method, body); // a read: Qt may send it again (a replay refused, Transient)
    } else {
        // What changes state (POST, PUT) is never sent again by Qt Network itself: see OneShotBody.
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        request.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
        auto *once = new OneShotBody(body);
        reply = m_net->sendCustomRequest(request, method, once);
        once->setParent(reply);
    }
    QObject::connect(reply, &QNetworkReply::finished, m_net, [reply, done = std::move(done)] {
        reply->deleteLater();
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->isOpen() ? reply->readAll() : QByteArray();
        a.networkError = reply->error() == QNetworkReply::ContentReSendError ? QStringLiteral("the connection closed before the answer came")
                                                                              : reply->errorString();
        done(a);
    });
}

BackupError HttpBackupClient::errorOf(const Answer &a) const
{
    using K = BackupError::Kind;
    BackupError e;
    e.status = a.status;
    if (a.status == 0) {
        e.kind = K::Transient;
        e.networkError = a.networkError;
        e.message = QStringLiteral("The backup service at %1 cannot be reached: %2.").arg(m_o.service.toString(), a.networkError);
        return e;
    }
    bool json = false;
    const QJsonObject o = objectOf(a.body, json);
    e.code = o.value(str(api::field::kError)).toString();
    e.message = o.value(str(api::field::kMessage)).toString();
    if (e.message.isEmpty())
        e.message = QStringLiteral("The backup service answered %1.").arg(a.status);
    if (a.status == 409 && e.code == QLatin1String(api::error::kGap)) {
        e.kind = K::Gap;
        e.expectedFirstSeq = o.value(str(api::field::kExpectedFirstSeq)).toInteger();
    } else if (a.status == 409) {
        e.kind = K::Conflict; // conflict, archive-range
    } else if (a.status == 403 && e.code == QLatin1String(api::error::kRevoked)) {
        e.kind = K::Revoked;
    } else if (a.status == 404) {
        e.kind = K::NotFound;
    } else if (a.status == 401 && e.code == QLatin1String(api::error::kReplayed)) {
        // The same signed bytes arrived twice (a read Qt Network sent again by itself after a connection dropped
        // before its answer, or a proxy's resend): the service refuses the copy (every signature is taken once).
        // The next try signs afresh: nothing is lost.
        e.kind = K::Transient;
    } else if (a.status == 429 || a.status == 502 || a.status == 503 || a.status == 504) {
        e.kind = K::Transient; // a proxy's or the service's own passing trouble
    } else {
        e.kind = K::Refused;
    }
    return e;
}

template <typename T>
void HttpBackupClient::read(const QByteArray &target, Done<T> done, std::function<std::optional<T>(const QByteArray &)> parse)
{
    send("GET", target, {}, QByteArrayLiteral("application/octet-stream"),
         [this, done = std::move(done), parse = std::move(parse)](const Answer &a) {
             if (a.status != 200)
                 return done(BackupResult<T>::failure(errorOf(a)));
             auto value = parse(a.body);
             done(value ? BackupResult<T>::success(std::move(*value)) : BackupResult<T>::failure(unreadable(a.status)));
         });
}

void HttpBackupClient::upload(const QByteArray &target, const QByteArray &bytes, Done<Stored> done)
{
    send("PUT", target, bytes, QByteArrayLiteral("application/octet-stream"), [this, done = std::move(done)](const Answer &a) {
        if (a.status == 201)
            done(BackupResult<Stored>::success(Stored::Now));
        else if (a.status == 200)
            done(BackupResult<Stored>::success(Stored::Already));
        else
            done(BackupResult<Stored>::failure(errorOf(a)));
    });
}

void HttpBackupClient::activate(const QString &code, const QByteArray &publicKey, const QString &deviceName, Done<Activated> done)
{
    const QByteArray body = QJsonDocument(QJsonObject{{str(api::field::kCode), code},
                                                      {str(api::field::kPublicKey), QString::fromLatin1(publicKey.toBase64())},
                                                      {str(api::field::kName), deviceName}})
                                .toJson(QJsonDocument::Compact);
    send("POST", api::kActivate, body, QByteArrayLiteral("application/json"), [this, done = std::move(done)](const Answer &a) {
        if (a.status != 201)
            return done(BackupResult<Activated>::failure(errorOf(a)));
        bool ok = false;
        const QJsonObject o = objectOf(a.body, ok);
        if (!ok)
            return done(BackupResult<Activated>::failure(unreadable(a.status)));
        done(BackupResult<Activated>::success({o.value(str(api::field::kPharmacyId)).toString(), o.value(str(api::field::kPharmacyName)).toString(),
                                               o.value(str(api::field::kDeviceId)).toString()}));
    }, true);
}

void HttpBackupClient::uploadChangeSet(qint64 firstSeq, const QByteArray &bytes, Done<Stored> done)
{
    upload(api::changeSetTarget(firstSeq), bytes, std::move(done));
}

void HttpBackupClient::uploadArchive(qint64 firstSeq, qint64 lastSeq, const QByteArray &bytes, Done<Stored> done)
{
    upload(api::archiveTarget(firstSeq, lastSeq), bytes, std::move(done));
}

void HttpBackupClient::head(Done<ServiceHead> done)
{
    read<ServiceHead>(api::kHead, std::move(done), [](const QByteArray &body) -> std::optional<ServiceHead> {
        bool ok = false;
        const QJsonObject o = objectOf(body, ok);
        if (!ok)
            return std::nullopt;
        return ServiceHead{o.value(str(api::field::kLastSeq)).toInteger(),
                           QByteArray::fromHex(o.value(str(api::field::kSetHash)).toString().toLatin1()),
                           o.value(str(api::field::kSets)).toInteger(), o.value(str(api::field::kBytes)).toInteger()};
    });
}

void HttpBackupClient::listChangeSets(qint64 fromSeq, Done<QList<StoredSet>> done)
{
    read<QList<StoredSet>>(api::fromTarget(api::kChangeSets, fromSeq), std::move(done),
                           [](const QByteArray &body) { return setsOf(body, api::field::kChangeSets); });
}

void HttpBackupClient::listArchives(qint64 fromSeq, Done<QList<StoredSet>> done)
{
    read<QList<StoredSet>>(api::fromTarget(api::kArchives, fromSeq), std::move(done),
                           [](const QByteArray &body) { return setsOf(body, api::field::kArchives); });
}

void HttpBackupClient::changeSetBundle(qint64 fromSeq, Done<QList<QByteArray>> done)
{
    read<QList<QByteArray>>(api::fromTarget(api::kChangeSetBundle, fromSeq), std::move(done),
                            [](const QByteArray &body) -> std::optional<QList<QByteArray>> {
                                const QCborValue value = QCborValue::fromCbor(body);
                                if (!value.isArray())
                                    return std::nullopt;
                                QList<QByteArray> sets;
                                for (const QCborValue &set : value.toArray()) {
                                    if (!set.isByteArray())
                                        return std::nullopt;
                                    sets << set.toByteArray();
                                }
                                return sets;
                            });
}

void HttpBackupClient::archive(qint64 firstSeq, qint64 lastSeq, Done<QByteArray> done)
{
    read<QByteArray>(api::archiveTarget(firstSeq, lastSeq), std::move(done), [](const QByteArray &body) { return std::optional(body); });
}

void HttpBackupClient::devices(Done<QList<ServiceDevice>> done)
{
    read<QList<ServiceDevice>>(api::kDevices, std::move(done), [](const QByteArray &body) -> std::optional<QList<ServiceDevice>> {
        bool ok = false;
        const QJsonObject o = objectOf(body, ok);
        if (!ok)
            return std::nullopt;
        QList<ServiceDevice> out;
        for (const auto &v : o.value(str(api::field::kDevices)).toArray()) {
            const QJsonObject d = v.toObject();
            out << ServiceDevice{d.value(str(api::field::kDeviceId)).toString(), d.value(str(api::field::kName)).toString(),
                                 QByteArray::fromBase64(d.value(str(api::field::kPublicKey)).toString().toLatin1()),
                                 d.value(str(api::field::kRevoked)).toBool()};
        }
        return out;
    });
}

void HttpBackupClient::wrappedKey(Done<QByteArray> done)
{
    read<QByteArray>(api::kWrappedKey, std::move(done),
                     [](const QByteArray &body) { return std::optional(QByteArray::fromBase64(body.trimmed())); });
}

void HttpBackupClient::putWrappedKey(const QByteArray &wrapped, Done<Stored> done)
{
    send("PUT", api::kWrappedKey, wrapped.toBase64(), QByteArrayLiteral("application/octet-stream"), [this, done = std::move(done)](const Answer &a) {
        if (a.status == 200)
            done(BackupResult<Stored>::success(Stored::Now));
        else
            done(BackupResult<Stored>::failure(errorOf(a)));
    });
}

} // namespace cii::sync
