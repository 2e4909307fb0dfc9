#include "Counter.h"

#include "Catalog.h"
#include "Log.h"
#include "ProductListModel.h"
#include "Store.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QEvent>
#include <QKeyEvent>
#include <QJSEngine>

namespace cii {

namespace {
Counter *s_instance = nullptr;

} // namespace

Counter::Counter(Store *store, SecretHasher hasher, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_products(std::make_unique<ProductListModel>(store))
{
    if (m_store) {
        m_ledger = std::make_unique<Ledger>(*m_store, hasher);
        connect(m_store, &Store::committed, this, [this] {
            m_products->reload();
            Q_EMIT changed(); // people, the pharmacy's name: a commit may have changed them
        });
    }
    m_idle.setSingleShot(true);
    m_idle.setInterval(m_idleMinutes * 60'000);
    connect(&m_idle, &QTimer::timeout, this, &Counter::lock);
    if (QCoreApplication::instance())
        QCoreApplication::instance()->installEventFilter(this);
}

bool Counter::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress: {
        touch();
        // Only the window's own key events: the same press also reaches the focused item, and is seen once here.
        if (!watched->isWindowType())
            break;
        const auto *key = static_cast<QKeyEvent *>(event);
        const qint64 ms = qint64(key->timestamp());
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (const auto code = m_scans.enter(ms); code && m_session) {
                QVariantMap r = lookup(*code);
                r.insert(QStringLiteral("code"), *code);
                Q_EMIT scanned(r);
                return true; // the scanner's Enter ends the code; it is not a press of Save
            }
        } else if (!key->text().isEmpty() && key->text().at(0).isPrint()) {
            m_scans.character(key->text().at(0), ms);
        }
        break;
    }
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
        touch();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

Counter::~Counter() = default;

bool Counter::verifyThen(const QVariantList &signers, const QJSValue &then)
{
    if (m_busy)
        return false;
    QList<std::pair<QString, QByteArray>> checks;
    if (m_ledger)
        for (const QVariant &v : signers) {
            const QVariantMap signer = v.toMap();
            const QString secret = signer.value(QStringLiteral("secret")).toString();
            const QByteArray hash = m_ledger->secretHashFor(signer.value(QStringLiteral("personId")).toString(), secret);
            if (!secret.isEmpty() && !hash.isEmpty())
                checks.append({secret, hash});
        }
    QJSValue callback = then;
    if (checks.isEmpty()) {
        callback.call();
        return true;
    }
    m_busy = true;
    Q_EMIT busyChanged();
    auto *watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcher<void>::finished, this, [this, watcher, callback]() mutable {
        watcher->deleteLater();
        m_busy = false;
        Q_EMIT busyChanged();
        const QJSValue result = callback.call();
        if (result.isError())
            qCWarning(lcUi) << "after a PIN check:" << result.toString();
    });
    watcher->setFuture(QtConcurrent::run([checks] {
        for (const auto &[secret, hash] : checks) {
            try {
                SecretHasher::precheck(secret, hash);
            } catch (const CiiError &) {
                // The Ledger's own check on the UI thread meets the same failure and says so.
            }
        }
    }));
    return true;
}

Counter *Counter::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT(s_instance);
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void Counter::setInstance(Counter *instance)
{
    s_instance = instance;
}

Counter *Counter::instance()
{
    return s_instance;
}

bool Counter::isSetUp() const
{
    if (!m_store)
        return false;
    sql::Query q(m_store->db(), "SELECT count(*) FROM people WHERE active = 1");
    return q.next() && q.int64(0) > 0;
}

QString Counter::pharmacyName() const
{
    if (!m_store)
        return {};
    sql::Query q(m_store->db(), "SELECT name FROM pharmacy WHERE id = 1");
    return q.next() ? q.text(0) : QString();
}

QString Counter::pharmacyDea() const
{
    if (!m_store)
        return {};
    sql::Query q(m_store->db(), "SELECT dea FROM pharmacy WHERE id = 1");
    return q.next() ? q.text(0) : QString();
}

QVariantList Counter::people() const
{
    QVariantList list;
    if (!m_store)
        return list;
    sql::Query q(m_store->db(), "SELECT id, name, initials, role, pin_hash IS NOT NULL FROM people WHERE active = 1 ORDER BY name");
    while (q.next()) {
        const Role role = roleFromName(q.text(3)).value_or(Role::Technician);
        list.append(QVariantMap{{QStringLiteral("id"), q.text(0)}, {QStringLiteral("name"), q.text(1)},
                                {QStringLiteral("initials"), q.text(2)}, {QStringLiteral("role"), roleTitle(role)},
                                {QStringLiteral("hasPin"), q.int64(4) != 0}});
    }
    return list;
}

void Counter::setIdleMinutes(int minutes)
{
    minutes = qBound(1, minutes, 240);
    if (minutes == m_idleMinutes)
        return;
    m_idleMinutes = minutes;
    m_idle.setInterval(minutes * 60'000);
    Q_EMIT idleMinutesChanged();
}

qint64 Counter::parseNumber(const QString &field, const QString &text)
{
    if (text.trimmed().isEmpty())
        return 0; // the Ledger says "is required" / "must be above zero" in its own words
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    if (!ok)
        throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("save"), QString(),
                       QStringLiteral("%1 must be a whole number").arg(field));
    return v;
}

bool Counter::signedInMay(Action action)
{
    const Counter *c = instance();
    const std::optional<Role> role = c ? c->sessionRole() : std::nullopt;
    return role && isAllowed(*role, action);
}

QVariantMap Counter::refused(const QString &message)
{
    return {{QStringLiteral("ok"), false}, {QStringLiteral("message"), message}};
}

QVariantMap Counter::done(const QString &message, qint64 seq, bool attention, bool correctable)
{
    Q_EMIT recorded(message, attention, correctable ? seq : 0);
    return {{QStringLiteral("ok"), true}, {QStringLiteral("message"), message}, {QStringLiteral("seq"), seq}};
}

QVariantMap Counter::signIn(const QString &personId, const QString &secret)
{
    if (!m_ledger)
        return refused(tr("The store is not open."));
    try {
        m_session = m_ledger->signIn(personId, secret);
    } catch (const CiiError &e) {
        return refused(e.userText());
    }
    m_idle.start();
    Q_EMIT sessionChanged();
    return {{QStringLiteral("ok"), true}, {QStringLiteral("message"), tr("Signed in as %1.").arg(m_session->name())}};
}

void Counter::lock()
{
    m_idle.stop();
    if (!m_session)
        return;
    m_session.reset();
    m_products->filter(QString());
    Q_EMIT sessionChanged();
}

void Counter::touch()
{
    if (m_session)
        m_idle.start();
}

QVariantMap Counter::dispense(const QString &ndc11, const QString &quantity, const QString &rx, const QString &prescribed,
                              bool overrideBalance, const QString &overrideReason, const QString &pin)
{
    return run([&](const Session &s) {
        Dispense d;
        d.ndc11 = ndc11;
        d.quantity = parseNumber(tr("The quantity"), quantity);
        d.rx = rx;
        d.fillDate = today();
        d.prescribedQuantity = parseNumber(tr("The quantity prescribed"), prescribed);
        d.overrideBalance = overrideBalance;
        d.overrideReason = overrideReason;
        d.signaturePin = pin;
        const qint64 seq = m_ledger->dispense(s, d);
        return done(tr("Dispensed %1 on Rx %2. Balance now %3.").arg(d.quantity).arg(rx.trimmed()).arg(m_ledger->balance(ndc11)), seq);
    });
}

QVariantMap Counter::receive(const QString &ndc11, const QString &packages, const QString &orderType, const QString &orderNumber,
                             const QString &supplier, const QString &supplierDea, const QString &lot, const QString &expiry)
{
    return run([&](const Session &s) {
        const Receipt r{ndc11, parseNumber(tr("The number of packages"), packages), orderType, orderNumber, supplier, supplierDea,
                        lot, expiry, today()};
        const qint64 seq = m_ledger->receive(s, r);
        return done((r.packages == 1 ? tr("Received 1 package. Balance now %2.") : tr("Received %1 packages. Balance now %2.").arg(r.packages)).arg(m_ledger->balance(ndc11)), seq);
    });
}

QVariantMap Counter::count(const QString &ndc11, const QString &counted)
{
    return run([&](const Session &s) {
        if (counted.trimmed().isEmpty())
            throw CiiError(CiiError::Code::InvalidInput, QStringLiteral("record the count"), QString(),
                           QStringLiteral("The count is required (0 when the shelf is empty)"));
        const CountResult r = m_ledger->count(s, ndc11, parseNumber(tr("The count"), counted));
        const QString message = r.discrepancyOpened
            ? tr("Count saved. It differs from the records by %1; discrepancy %2 is open for %3 to review.")
                  .arg(r.difference).arg(r.discrepancyId).arg(r.reviewer)
            : tr("Count saved. It matches the records.");
        Q_EMIT recorded(message, r.discrepancyOpened, 0);
        return QVariantMap{{QStringLiteral("ok"), true}, {QStringLiteral("message"), message},
                           {QStringLiteral("discrepancy"), r.discrepancyOpened}, {QStringLiteral("seq"), r.seq}};
    });
}

QVariantMap Counter::lookup(const QString &code) const
{
    if (!m_store)
        return refused(tr("The store is not open."));
    const ScanLookup r = Catalog(m_store->db()).lookupScan(code);
    if (!r.found)
        return {{QStringLiteral("found"), false}, {QStringLiteral("message"), r.message}};
    return {{QStringLiteral("found"), true}, {QStringLiteral("ndc11"), r.product.ndc11}, {QStringLiteral("name"), r.product.name},
            {QStringLiteral("lot"), r.scan.lot}, {QStringLiteral("expiry"), r.scan.expiry}, {QStringLiteral("message"), QString()}};
}

ProductLedgerModel *Counter::ledgerFor(const QString &ndc11)
{
    auto *model = new ProductLedgerModel(m_store, ndc11);
    QJSEngine::setObjectOwnership(model, QJSEngine::JavaScriptOwnership);
    if (m_store)
        connect(m_store, &Store::committed, model, &ProductLedgerModel::reload);
    return model;
}

QVariantList Counter::balanceHistory(const QString &ndc11, int points) const
{
    QVariantList out;
    if (!m_store)
        return out;
    sql::Query q(m_store->db(), "SELECT seq, at_ms, balance_after, kind FROM entries WHERE ndc11 = ? ORDER BY seq DESC LIMIT ?");
    q.bind(1, ndc11).bind(2, qint64(qBound(2, points, 2000)));
    while (q.next())
        out.prepend(QVariantMap{{QStringLiteral("seq"), q.int64(0)}, {QStringLiteral("atMs"), q.int64(1)},
                                {QStringLiteral("balance"), q.int64(2)}, {QStringLiteral("kind"), q.text(3)}});
    return out;
}

QVariantMap Counter::voidEntry(qint64 seq, const QString &reason, const QString &pin)
{
    return run([&](const Session &s) {
        const qint64 voidSeq = m_ledger->voidEntry(s, seq, reason, pin);
        return done(tr("Entry %1 is voided by entry %2; it stays in the record.").arg(seq).arg(voidSeq), voidSeq, false, false);
    });
}

QString Counter::today() const
{
    return m_ledger ? m_ledger->todayInPharmacy() : QString();
}

} // namespace cii
