// libFuzzer target: cii-backupd's request handling (docs/RELIABILITY.md), from the parsed request on (the HTTP
// framing is libmicrohttpd's). The service runs over a real SQLite file with one pharmacy and one activated
// device, its clock stopped, its rate limit lifted. Input: a flags byte, then "METHOD TARGET", header lines
// "name: value", an empty line and the body. With flag bit 0 the harness signs the request as the device would
// (at the stopped clock), so mutated bodies get past authentication into uploads, listings and the wrapped key.
// Every answer must be a status with a message; nothing may crash.
#include "BackupService.h"
#include "BackupStore.h"
#include "Clock.h"
#include "DeviceKey.h"
#include "RequestSigning.h"

#include <QCoreApplication>
#include <QTemporaryDir>

using namespace cii;
using namespace cii::backupd;

namespace {

constexpr qint64 kNow = 1'790'000'000'000;

struct Service
{
    QTemporaryDir dir;
    std::unique_ptr<BackupStore> opened = BackupStore::open({QStringLiteral("QSQLITE"), dir.filePath(QStringLiteral("backup.db")), {}, {}, {}, 0});
    BackupStore &store = *opened;
    ManualClock clock{kNow};
    BackupService service{store, limits(), clock};
    DeviceKey device = DeviceKey::fromPrivateKey(QByteArray(32, '\x02'));
    QString deviceId;

    Service()
    {
        const QString ph = store.createPharmacy(QStringLiteral("Fuzz Pharmacy"), kNow);
        QString why;
        deviceId = store.activate(store.issueActivationCode(ph, kNow + 60'000, kNow), device.publicKey(), QStringLiteral("Fuzz PC"), kNow, why)->id;
    }
    static BackupService::Limits limits()
    {
        BackupService::Limits l;
        l.requestsPerSecond = std::numeric_limits<int>::max();
        l.maxUploadBytes = 1 << 20;
        return l;
    }
};

Service *g_service = nullptr;

Request parse(const QByteArray &text)
{
    Request r;
    r.peer = "127.0.0.1";
    const qsizetype lineEnd = text.indexOf('\n');
    const QByteArray first = text.left(lineEnd < 0 ? text.size() : lineEnd);
    const qsizetype space = first.indexOf(' ');
    r.method = first.left(space < 0 ? first.size() : space);
    r.target = space < 0 ? QByteArray() : first.mid(space + 1);
    qsizetype at = lineEnd < 0 ? text.size() : lineEnd + 1;
    while (at < text.size()) {
        const qsizetype end = text.indexOf('\n', at);
        const QByteArray line = text.mid(at, (end < 0 ? text.size() : end) - at);
        at = end < 0 ? text.size() : end + 1;
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            r.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    r.body = text.mid(at);
    return r;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    static Service service;
    g_service = &service;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    Request r = parse(QByteArray(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1)));
    if (data[0] & 1) {
        const auto h = requestsig::sign(g_service->device, g_service->deviceId, r.method, r.target, kNow, r.body);
        r.headers.insert("x-cii-device", h.device);
        r.headers.insert("x-cii-time", h.time);
        r.headers.insert("x-cii-signature", h.signature);
    }
    g_service->service.bodyLimit(r.method, r.target);
    const Response answer = g_service->service.handle(r);
    if (answer.status < 200 || answer.status > 599 || (answer.status >= 400 && answer.body.isEmpty()))
        __builtin_trap(); // every refusal carries its message
    return 0;
}
