#pragma once

#include <QByteArray>
#include <QNetworkRequest>
#include <QString>

namespace cii::sync {
struct ReplicationSettings;

/// The service's address with `target` ("/v1/...") as its path, keeping any path prefix of a proxied service.
QUrl serviceUrl(const QUrl &service, const QByteArray &target);
/// The pinned CA, when there is one, replaces the system's CAs for this request.
void applyPinnedCa(QNetworkRequest &request, const QByteArray &pinnedCaPem);
/// A request to the service signed by this workstation's device key (docs/BACKUP-API.md): the target's full
/// path, the time and the body's hash under the signature; the pinned CA applied; `timeoutMs` per transfer.
QNetworkRequest signedRequest(const ReplicationSettings &settings, const QByteArray &method, const QByteArray &target,
                              const QByteArray &body, qint64 nowMs, int timeoutMs);

/// The service's sentence from a refusal's JSON body, or one made from the status.
QString refusalText(int status, const QByteArray &body);

/// One call, waited for (a command-line or setup step, never the counter).
struct Answer
{
    int status = 0;          ///< 0: no answer (unreachable, timed out)
    QByteArray body;
    QString networkError;
    /// The service's sentence for a refusal, or one made from the status.
    QString problem(const QUrl &service) const;
};
Answer call(const QNetworkRequest &request, const QByteArray &method, const QByteArray &body);
Answer callSigned(const ReplicationSettings &settings, const QByteArray &method, const QByteArray &target, const QByteArray &body,
                  qint64 nowMs, int timeoutMs = 30'000);

} // namespace cii::sync
