#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QString>
#include <QtGlobal>

// The backup service's API, version 1 (docs/BACKUP-API.md): its paths, its JSON field names and its refusal
// codes, in the one place both ends read them. The service routes by these; the workstation's client builds its
// requests from them. A change here is a change of the API: both ends and BACKUP-API.md change with it.
namespace cii::api {

// Paths. A target is the path and, for lists, the query; the client prefixes the service's own path (a proxy's).
inline constexpr char kHealth[] = "/v1/health";
inline constexpr char kMetrics[] = "/metrics";
inline constexpr char kActivate[] = "/v1/activate";
inline constexpr char kChangeSets[] = "/v1/changesets";          ///< GET ?from=N; /{firstSeq} PUT and GET
inline constexpr char kChangeSetBundle[] = "/v1/changeset-bundle"; ///< GET ?from=N
inline constexpr char kArchives[] = "/v1/archives";              ///< GET ?from=N; /{firstSeq}-{lastSeq} PUT and GET
inline constexpr char kDevices[] = "/v1/devices";
inline constexpr char kHead[] = "/v1/head";
inline constexpr char kWrappedKey[] = "/v1/wrapped-key";

inline QByteArray changeSetTarget(qint64 firstSeq) { return QByteArray(kChangeSets) + '/' + QByteArray::number(firstSeq); }
inline QByteArray archiveTarget(qint64 firstSeq, qint64 lastSeq)
{
    return QByteArray(kArchives) + '/' + QByteArray::number(firstSeq) + '-' + QByteArray::number(lastSeq);
}
inline QByteArray fromTarget(const char *path, qint64 fromSeq) { return QByteArray(path) + "?from=" + QByteArray::number(fromSeq); }

// Refusals: {"error": code, "message": a sentence}, with the status BACKUP-API.md gives each.
namespace error {
inline constexpr char kBadRequest[] = "bad-request";             // 400
inline constexpr char kBadChangeSet[] = "bad-changeset";         // 400
inline constexpr char kUnsigned[] = "unsigned";                  // 401
inline constexpr char kUnknownDevice[] = "unknown-device";       // 401
inline constexpr char kBadSignature[] = "bad-signature";         // 401
inline constexpr char kReplayed[] = "replayed";                  // 401
inline constexpr char kBadCode[] = "bad-code";                   // 403
inline constexpr char kRevoked[] = "revoked";                    // 403
inline constexpr char kWrongPharmacy[] = "wrong-pharmacy";       // 403
inline constexpr char kNotFound[] = "not-found";                 // 404
inline constexpr char kMethodNotAllowed[] = "method-not-allowed"; // 405
inline constexpr char kGap[] = "gap";                            // 409, with expectedFirstSeq
inline constexpr char kConflict[] = "conflict";                  // 409
inline constexpr char kArchiveRange[] = "archive-range";         // 409
inline constexpr char kTooLarge[] = "too-large";                 // 413
inline constexpr char kTooManyRequests[] = "too-many-requests";  // 429
inline constexpr char kServerError[] = "server-error";           // 500
inline constexpr char kStopping[] = "stopping";                  // 503
} // namespace error

// JSON field names both ends read.
namespace field {
inline constexpr char kError[] = "error";
inline constexpr char kMessage[] = "message";
inline constexpr char kExpectedFirstSeq[] = "expectedFirstSeq";
inline constexpr char kCode[] = "code";
inline constexpr char kPublicKey[] = "publicKey";
inline constexpr char kName[] = "name";
inline constexpr char kPharmacyId[] = "pharmacyId";
inline constexpr char kPharmacyName[] = "pharmacyName";
inline constexpr char kDeviceId[] = "deviceId";
inline constexpr char kLastSeq[] = "lastSeq";
inline constexpr char kFirstSeq[] = "firstSeq";
inline constexpr char kSetHash[] = "setHash";
inline constexpr char kStored[] = "stored";
inline constexpr char kStatus[] = "status";         ///< health's
inline constexpr char kSets[] = "sets";             ///< head's: how many change sets
inline constexpr char kBytes[] = "bytes";           ///< head's: their size
inline constexpr char kSize[] = "size";             ///< a listed set's
inline constexpr char kChangeSets[] = "changesets"; ///< the list of change sets
inline constexpr char kArchives[] = "archives";     ///< the list of archives
inline constexpr char kDevices[] = "devices";       ///< the list of devices
inline constexpr char kRevoked[] = "revoked";       ///< a listed device's
} // namespace field

// Query parameters.
inline constexpr char kFromParameter[] = "from"; ///< the lists' and the bundle's first sequence number (fromTarget)

// Request signature headers (RequestSigning.h signs what they carry).
inline constexpr char kDeviceHeader[] = "X-Cii-Device";
inline constexpr char kTimeHeader[] = "X-Cii-Time";
inline constexpr char kSignatureHeader[] = "X-Cii-Signature";

/// An activation code as the service compares it, hashed: SHA-256 of the code in upper case without its dashes and
/// spaces, as a person may type it. The service keeps only this; the workstation files the device key it made
/// for an activation under it, so that asking again with the same code asks with the same key.
inline QByteArray activationCodeHash(const QString &code)
{
    const QByteArray normal = code.toUpper().remove(QLatin1Char('-')).remove(QLatin1Char(' ')).toUtf8();
    return QCryptographicHash::hash(normal, QCryptographicHash::Sha256);
}

} // namespace cii::api
