#include "ServiceCall.h"

#include "DeviceKey.h"
#include "ReplicationSettings.h"
#include "RequestSigning.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace cii::sync {

QUrl serviceUrl(const QUrl &service, const QByteArray &target)
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

void applyPinnedCa(QNetworkRequest &request, const QByteArray &pinnedCaPem)
{
    if (pinnedCaPem.isEmpty())
        return;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromData(pinnedCaPem));
    request.setSslConfiguration(tls);
}

QNetworkRequest signedRequest(const ReplicationSettings &settings, const QByteArray &method, const QByteArray &target,
                              const QByteArray &body, qint64 nowMs, int timeoutMs)
{
    const QUrl url = serviceUrl(settings.serviceUrl, target);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    request.setTransferTimeout(timeoutMs);
    // The signature covers the path and query as sent, prefix included.
    QByteArray signedTarget = url.path(QUrl::FullyEncoded).toUtf8();
    if (url.hasQuery())
        signedTarget += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    const auto h = requestsig::sign(DeviceKey::fromPrivateKey(settings.devicePrivateKey), settings.deviceId, method, signedTarget, nowMs, body);
    request.setRawHeader("X-Cii-Device", h.device);
    request.setRawHeader("X-Cii-Time", h.time);
    request.setRawHeader("X-Cii-Signature", h.signature);
    applyPinnedCa(request, settings.pinnedCaPem);
    return request;
}

QString refusalText(int status, const QByteArray &body)
{
    const QString message = QJsonDocument::fromJson(body).object().value(QStringLiteral("message")).toString();
    return message.isEmpty() ? QStringLiteral("The backup service answered %1.").arg(status) : message;
}

QString Answer::problem(const QUrl &service) const
{
    if (status == 0)
        return QStringLiteral("The backup service at %1 cannot be reached: %2.").arg(service.toString(), networkError);
    return refusalText(status, body);
}

Answer callSigned(const ReplicationSettings &settings, const QByteArray &method, const QByteArray &target, const QByteArray &body,
                  qint64 nowMs, int timeoutMs)
{
    return call(signedRequest(settings, method, target, body, nowMs, timeoutMs), method, body);
}

Answer call(const QNetworkRequest &request, const QByteArray &method, const QByteArray &body)
{
    QNetworkAccessManager net;
    QNetworkReply *reply = net.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Answer a;
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.body = reply->isOpen() ? reply->readAll() : QByteArray();
    a.networkError = reply->errorString();
    delete reply;
    return a;
}

} // namespace cii::sync
