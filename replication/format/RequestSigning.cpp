#include "RequestSigning.h"

#include "DeviceKey.h"

#include <QCryptographicHash>

namespace cii::requestsig {

QByteArray signedText(const QByteArray &method, const QByteArray &pathAndQuery, qint64 timeMs, const QByteArray &body)
{
    return "CII-REQUEST-1\n" + method + '\n' + pathAndQuery + '\n' + QByteArray::number(timeMs) + '\n'
           + QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
}

Headers sign(const DeviceKey &key, const QString &deviceId, const QByteArray &method, const QByteArray &pathAndQuery,
             qint64 timeMs, const QByteArray &body)
{
    return {deviceId.toUtf8(), QByteArray::number(timeMs), key.sign(signedText(method, pathAndQuery, timeMs, body)).toBase64()};
}

QString check(const QByteArray &publicKey, const QByteArray &method, const QByteArray &pathAndQuery,
              const QByteArray &timeHeader, const QByteArray &signatureHeader, const QByteArray &body, qint64 nowMs)
{
    bool ok = false;
    const qint64 time = timeHeader.toLongLong(&ok);
    if (!ok)
        return QStringLiteral("the request has no valid X-Cii-Time");
    if (time < nowMs - kWindowMs || time > nowMs + kWindowMs)
        return QStringLiteral("the request's time is more than 5 minutes from the service's clock");
    const auto decoded = QByteArray::fromBase64Encoding(signatureHeader, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 64)
        return QStringLiteral("the request has no valid X-Cii-Signature");
    if (!DeviceKey::verify(publicKey, signedText(method, pathAndQuery, time, body), decoded.decoded))
        return QStringLiteral("the request's signature is not the device's");
    return {};
}

} // namespace cii::requestsig
