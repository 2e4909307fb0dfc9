#pragma once

#include <QByteArray>
#include <QString>

namespace cii {
class DeviceKey;

/// Every request to the backup service after activation is signed by the device key (docs/BACKUP-API.md):
/// Ed25519 over "CII-REQUEST-1\n" method "\n" path-and-query "\n" time "\n" hex(SHA-256(body)), sent in the
/// headers X-Cii-Device, X-Cii-Time (UTC milliseconds) and X-Cii-Signature (base64). No bearer secret exists.
namespace requestsig {

constexpr qint64 kWindowMs = 5 * 60 * 1000; ///< a request's time may differ from the service's by this much

QByteArray signedText(const QByteArray &method, const QByteArray &pathAndQuery, qint64 timeMs, const QByteArray &body);

struct Headers
{
    QByteArray device, time, signature;
};
Headers sign(const DeviceKey &key, const QString &deviceId, const QByteArray &method, const QByteArray &pathAndQuery,
             qint64 timeMs, const QByteArray &body);

/// Empty when the request is signed by `publicKey` within the window around `nowMs`; else the reason.
QString check(const QByteArray &publicKey, const QByteArray &method, const QByteArray &pathAndQuery,
              const QByteArray &timeHeader, const QByteArray &signatureHeader, const QByteArray &body, qint64 nowMs);

} // namespace requestsig
} // namespace cii
