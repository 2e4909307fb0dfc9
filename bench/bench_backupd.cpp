// The backup service under 200 simulated workstations on loopback (issue 7): accepted uploads per second and
// latency percentiles, on SQLite and on PostgreSQL (a throwaway cluster with fsync on, as in production), beside
// a baseline of the same client asking for /v1/health (HTTP alone, no signature check, no storage).
//
// Each workstation is one keep-alive connection that uploads its next change set as soon as the last is
// acknowledged (a closed loop, as the drainer does). Requests are sealed and signed before the clock starts,
// so the figures are the service's; the client is one thread polling every connection (epoll), leaving the
// cores to the service. Run from a release build:
//   build/release/bench/bench_backupd [workstations=200] [uploads-per-workstation=25] [server-threads=the service's default] [sqlite|postgres|both]
// Each phase sends workstations x uploads requests: the default offers 2,000/s for 2.5 s; `200 300` for 30 s
// (the long form, docs/PERFORMANCE.md: a p99 over 60,000 answers, which a stall of the VM cannot hide).
#include "BackupService.h"
#include "BackupStore.h"
#include "BenchSupport.h"
#include "CanonicalCbor.h"
#include "ChangeSet.h"
#include "Clock.h"
#include "DeviceKey.h"
#include "HttpServer.h"
#include "RequestSigning.h"
#include "ServiceConfig.h"
#include "ThrowawayPostgres.h"

#include <QCborMap>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace cii;
using namespace cii::backupd;

namespace {

const SystemClock g_clock;
qint64 nowMs() { return g_clock.nowMs(); }

/// Ed25519 verifications a second on one core, measured for a third of a second just before a run: the speed of
/// the machine at that moment (on this VM it moves by 1.6x within an hour), and the unit of the service's
/// biggest cost (two verifications an upload).
double verifiesPerSecond()
{
    const DeviceKey key = DeviceKey::generate();
    const QByteArray message(457, 'm');
    const QByteArray signature = key.sign(message);
    QElapsedTimer clock;
    clock.start();
    int n = 0;
    while (clock.nsecsElapsed() < 333'000'000)
        n += DeviceKey::verify(key.publicKey(), message, signature) ? 1 : 0;
    return double(n) / (double(clock.nsecsElapsed()) / 1e9);
}

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// CPU seconds of every PostgreSQL process (the throwaway cluster's server and its backends), from /proc:
/// the other half of an upload's cost on PostgreSQL, which getrusage does not see.
double postgresCpuSeconds()
{
    double ticks = 0;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &pid : pids) {
        QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!pid.front().isDigit() || !f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = f.readAll();
        const qsizetype close = stat.lastIndexOf(')');
        if (close < 0 || !stat.mid(stat.indexOf('(') + 1, close - stat.indexOf('(') - 1).startsWith("postgres"))
            continue;
        const QList<QByteArray> fields = stat.mid(close + 2).split(' '); // from field 3 (state) on
        if (fields.size() > 12)
            ticks += fields[11].toDouble() + fields[12].toDouble(); // utime, stime: fields 14 and 15
    }
    return ticks / double(sysconf(_SC_CLK_TCK));
}

/// One simulated workstation: its connection and its requests, ready to send.
struct Station
{
    int fd = -1;
    QList<QByteArray> requests;
    int next = 0;
    bool waiting = false;
    QByteArray inbox;
    qint64 sentNs = 0;
    int failures = 0;
};

QByteArray httpRequest(const QByteArray &method, const QByteArray &target, const QByteArray &body, const requestsig::Headers *h)
{
    QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n";
    if (h)
        r += "X-Cii-Device: " + h->device + "\r\nX-Cii-Time: " + h->time + "\r\nX-Cii-Signature: " + h->signature + "\r\n";
    return r + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

/// A complete response at the front of `in`: its status (0 when not complete yet), removed from `in`.
int takeResponse(QByteArray &in)
{
    const qsizetype end = in.indexOf("\r\n\r\n");
    if (end < 0)
        return 0;
    const QByteArray head = in.left(end);
    const qsizetype cl = head.toLower().indexOf("content-length:");
    const qint64 length = cl < 0 ? 0 : head.mid(cl + 15, head.indexOf("\r\n", cl) - cl - 15).trimmed().toLongLong();
    if (in.size() < end + 4 + length)
        return 0;
    const int status = head.mid(9, 3).toInt();
    in.remove(0, end + 4 + length);
    return status;
}

/// Runs every station's requests: `intervalNs` 0 is a closed loop (the next request as soon as the last is
/// answered: the most the service can take); otherwise each station offers one request every `intervalNs`,
/// staggered, and each latency counts from when the request was due (a slow answer delays the next request, and
/// that wait is counted, not hidden). Latencies in `samples`; the wall time in seconds.
/// With CII_BENCH_TIMELINE=1: answers and the slowest of them per 100 ms, on stderr, to tell a stall of the
/// machine (every request in a stretch slow) from a slow path (a steady tail).
struct Timeline
{
    const bool on = qEnvironmentVariableIsSet("CII_BENCH_TIMELINE");
    qint64 bucket = -1, worstNs = 0;
    int count = 0;
    void add(qint64 nowNs, qint64 latencyNs)
    {
        if (!on)
            return;
        if (nowNs / 100'000'000 != bucket) {
            flush();
            bucket = nowNs / 100'000'000;
        }
        worstNs = qMax(worstNs, latencyNs);
        ++count;
    }
    void flush()
    {
        if (on && bucket >= 0)
            std::fprintf(stderr, "  t=%.1f s: %d answers, slowest %.1f ms\n", double(bucket) / 10, count, double(worstNs) / 1e6);
        worstNs = 0;
        count = 0;
    }
};

double drive(QList<Station> &stations, quint16 port, bench::Samples &samples, int expectStatus, qint64 intervalNs = 0)
{
    const int ep = epoll_create1(0);
    for (int i = 0; i < stations.size(); ++i) {
        Station &s = stations[i];
        s.fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
        if (::connect(s.fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0)
            qFatal("cannot connect to the service");
        const int one = 1;
        setsockopt(s.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u32 = quint32(i);
        epoll_ctl(ep, EPOLL_CTL_ADD, s.fd, &ev);
    }
    QElapsedTimer clock;
    clock.start();
    Timeline timeline;
    const auto due = [&](int i, const Station &s) {
        return intervalNs == 0 ? 0 : qint64(s.next) * intervalNs + intervalNs * i / qMax(1, int(stations.size()));
    };
    const auto send = [&](Station &s, qint64 dueNs) {
        const QByteArray &r = s.requests[s.next];
        s.sentNs = intervalNs == 0 ? clock.nsecsElapsed() : dueNs;
        s.waiting = true;
        for (qsizetype off = 0; off < r.size();) {
            const ssize_t n = ::write(s.fd, r.constData() + off, size_t(r.size() - off));
            if (n <= 0)
                qFatal("write failed");
            off += n;
        }
    };
    int open = 0;
    for (const Station &s : std::as_const(stations))
        open += s.requests.isEmpty() ? 0 : 1;
    epoll_event events[256];
    char buffer[65536];
    while (open > 0) {
        const qint64 now = clock.nsecsElapsed();
        for (int i = 0; i < stations.size(); ++i) {
            Station &s = stations[i];
            if (!s.waiting && s.next < s.requests.size() && due(i, s) <= now)
                send(s, due(i, s));
        }
        const int n = epoll_wait(ep, events, 256, intervalNs == 0 ? 30'000 : 1);
        if (n < 0 || (n == 0 && intervalNs == 0))
            qFatal("the service stopped answering");
        for (int e = 0; e < n; ++e) {
            Station &s = stations[int(events[e].data.u32)];
            const ssize_t got = ::read(s.fd, buffer, sizeof buffer);
            if (got <= 0)
                qFatal("the service closed a connection");
            s.inbox.append(buffer, got);
            while (const int status = takeResponse(s.inbox)) {
                samples.add(clock.nsecsElapsed() - s.sentNs);
                timeline.add(clock.nsecsElapsed(), clock.nsecsElapsed() - s.sentNs);
                s.waiting = false;
                if (status != expectStatus)
                    ++s.failures;
                if (++s.next == s.requests.size())
                    --open;
            }
        }
    }
    timeline.flush();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    for (Station &s : stations)
        ::close(s.fd);
    ::close(ep);
    return seconds;
}

void run(const char *label, const BackupStore::Options &options, int workstations, int uploads, int threads)
{
    const std::unique_ptr<BackupStore> opened = BackupStore::open(options);
    BackupStore &store = *opened;
    BackupService::Limits limits;
    limits.requestsPerSecond = 100'000; // the bench measures throughput, not the rate limit
    BackupService service(store, limits, g_clock);
    HttpServer::Options ho;
    ho.threads = threads > 0 ? threads : ServiceConfig::defaultThreads(options.driver);
    HttpServer server(service, ho);
    server.start();

    // Pharmacies, activated workstations, and every upload sealed and signed in advance.
    // The first `uploads` of each chain go in the closed loop, the next `uploads` at the offered rate.
    QList<Station> stations(workstations), offered(workstations), health(workstations);
    qint64 rawBytes = 0;
    QStringList pharmacies;
    for (int w = 0; w < workstations; ++w) {
        const DeviceKey key = DeviceKey::generate();
        const BackupKey data = BackupKey::generate();
        const QString ph = store.createPharmacy(QStringLiteral("Pharmacy %1").arg(w), nowMs());
        pharmacies << ph;
        QString why;
        const auto device = store.activate(store.issueActivationCode(ph, nowMs() + 3'600'000, nowMs()), key.publicKey(),
                                           QStringLiteral("pc"), nowMs(), why);
        QByteArray prev = Event::genesisHash(), prevSet(32, '\0');
        for (int k = 0; k < 2 * uploads; ++k) {
            Event e;
            e.seq = k + 1;
            e.atMs = 1'790'000'000'000 + k;
            e.actor = QStringLiteral("person-1");
            e.kind = QStringLiteral("stock.dispensed");
            e.payload = canonicalCbor(QCborMap{{QStringLiteral("quantity"), 30}, {QStringLiteral("rx"), QStringLiteral("RX%1").arg(k)}});
            e.prevHash = prev;
            e.hash = e.computeHash();
            prev = e.hash;
            ChangeSetHeader h;
            h.pharmacyId = ph;
            h.deviceId = device->id;
            h.firstSeq = h.lastSeq = e.seq;
            h.prevSetHash = prevSet;
            h.createdMs = nowMs();
            h.keyId = data.id();
            h.stateDigest = QByteArray(32, '\0');
            const QByteArray set = changeset::seal(h, {e}, data, key);
            prevSet = changeset::setHash(set);
            rawBytes += set.size();
            const QByteArray target = "/v1/changesets/" + QByteArray::number(e.seq);
            const auto signedBy = requestsig::sign(key, device->id, "PUT", target, nowMs(), set);
            (k < uploads ? stations : offered)[w].requests << httpRequest("PUT", target, set, &signedBy);
            if (k < uploads)
                health[w].requests << httpRequest("GET", "/v1/health", {}, nullptr);
        }
    }
    bench::Samples baseline, accepted;
    const double verifies = verifiesPerSecond();
    const double baseSeconds = drive(health, server.port(), baseline, 200);
    const double cpuBefore = cpuSeconds(), postgresBefore = postgresCpuSeconds();
    const double seconds = drive(stations, server.port(), accepted, 201);
    const double cpuPerUpload = (cpuSeconds() - cpuBefore) / double(accepted.count()) * 1e6;
    const double postgresPerUpload = (postgresCpuSeconds() - postgresBefore) / double(accepted.count()) * 1e6;
    // 2,000 uploads a second offered by all the workstations together (issue 7's target load).
    bench::Samples atRate;
    const qint64 interval = qint64(1e9 * workstations / 2000.0);
    const double rateSeconds = drive(offered, server.port(), atRate, 201, interval);
    int failures = 0;
    for (const Station &s : std::as_const(stations))
        failures += s.failures;
    for (const Station &s : std::as_const(offered))
        failures += s.failures;
    const double perSecond = double(accepted.count()) / seconds, basePerSecond = double(baseline.count()) / baseSeconds;
    std::printf("\n%s, %d workstations x %d uploads, %d server threads, %.0f B per upload\n", label, workstations, uploads, ho.threads,
                double(rawBytes) / (2.0 * workstations * uploads));
    std::printf("  this machine just before: %.0f Ed25519 verifications/s on one core (the run's speed of the VM)\n", verifies);
    std::printf("  baseline GET /v1/health        %8.0f requests/s  p50 %7.2f ms  p99 %7.2f ms\n", basePerSecond,
                baseline.percentile(50) / 1000, baseline.percentile(99) / 1000);
    std::printf("  PUT, closed loop (the most)    %8.0f uploads/s   p50 %7.2f ms  p99 %7.2f ms  (%.2fx the baseline's time per request)\n",
                perSecond, accepted.percentile(50) / 1000, accepted.percentile(99) / 1000, basePerSecond / perSecond);
    std::printf("  PUT at 2,000/s offered           %8.0f uploads/s   p50 %7.2f ms  p99 %7.2f ms  (latency from when each was due)\n",
                double(atRate.count()) / rateSeconds, atRate.percentile(50) / 1000, atRate.percentile(99) / 1000);
    std::printf("  CPU of this process (service and client) per upload: %.0f us; the cores are %.0f%% busy with it\n", cpuPerUpload,
                cpuPerUpload * perSecond / 1e6 / 2 * 100);
    if (options.driver == QLatin1String("QPSQL")) // (on SQLite another run's cluster may still be going)
        std::printf("  CPU of PostgreSQL's processes per upload: %.0f us; with this process's, the cores are %.0f%% busy\n",
                    postgresPerUpload, (cpuPerUpload + postgresPerUpload) * perSecond / 1e6 / 2 * 100);
    std::printf("  refused or failed: %d\n", failures);
    // Every chain complete after the run (the service's own check keeps it gap-free).
    int incomplete = 0;
    for (const QString &ph : std::as_const(pharmacies))
        incomplete += store.head(ph).lastSeq != 2 * uploads;
    std::printf("  chains not complete after the run: %d of %d\n", incomplete, workstations);
    server.stop();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int workstations = argc > 1 ? std::atoi(argv[1]) : 200;
    const int uploads = argc > 2 ? std::atoi(argv[2]) : 25;
    const int threads = argc > 3 ? std::atoi(argv[3]) : 0; // 0: the service's default for each store
    const QByteArray stores = argc > 4 ? QByteArray(argv[4]) : QByteArray("both");
    if (workstations < 1 || uploads < 1 || threads < 0 || threads > 64) {
        std::fprintf(stderr, "usage: bench_backupd [workstations=200] [uploads-per-workstation=25] [server-threads=the service's default]"
                             " [sqlite|postgres|both]\n");
        return 2;
    }
    QTemporaryDir dir;
    if (stores != "postgres")
        run("SQLite (WAL, synchronous=FULL)", {QStringLiteral("QSQLITE"), dir.filePath(QStringLiteral("bench.db")), {}, {}, {}, 0},
        workstations, uploads, threads);
    if (stores == "sqlite")
        return 0;
    test::ThrowawayPostgres postgres(true);
    const QString database = postgres.createDatabase();
    if (database.isEmpty()) {
        std::fprintf(stderr, "PostgreSQL: %s\n", qPrintable(postgres.problem()));
        return 1;
    }
    run("PostgreSQL 15 (fsync on, synchronous_commit on)",
        {QStringLiteral("QPSQL"), database, postgres.host(), postgres.user(), {}, postgres.port()}, workstations, uploads, threads);
    return 0;
}
