#include "StoreStatus.h"

#include "QmlInstance.h"
#include "Store.h"

#include <QJSEngine>
#include <QtConcurrent/QtConcurrentRun>

namespace cii {

StoreStatus::StoreStatus(Store *store, StoreOpener openWorkerStore, const CiiError *error, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_openWorkerStore(std::move(openWorkerStore))
{
    if (error) {
        m_errorText = error->message();
        m_errorHint = error->hint();
    }
    if (m_store)
        connect(m_store, &Store::committed, this, &StoreStatus::journalChanged);
}

StoreStatus::~StoreStatus()
{
    if (m_watcher)
        m_watcher->waitForFinished();
}

StoreStatus *StoreStatus::create(QQmlEngine *, QJSEngine *)
{
    return QmlInstance<StoreStatus>::forQml();
}

void StoreStatus::setInstance(StoreStatus *instance)
{
    QmlInstance<StoreStatus>::set(instance);
}

QString StoreStatus::path() const
{
    return m_store ? m_store->path() : QString();
}

QString StoreStatus::keyProtectionText() const
{
    return m_store ? m_store->keyProtectionText() : QString();
}

bool StoreStatus::keyInSystemKeychain() const
{
    return m_store && m_store->keyProtection() == KeyStore::Protection::SystemKeychain;
}

int StoreStatus::schemaVersion() const
{
    return m_store ? m_store->schemaVersion() : 0;
}

qint64 StoreStatus::eventCount() const
{
    return m_store ? m_store->journal().headSeq() : 0;
}

QString StoreStatus::headHash() const
{
    return m_store ? QString::fromLatin1(m_store->journal().headHash().toHex()) : QString();
}

void StoreStatus::verify()
{
    if (!m_store || m_watcher)
        return;
    m_watcher = std::make_unique<QFutureWatcher<QPair<bool, QString>>>();
    connect(m_watcher.get(), &QFutureWatcherBase::finished, this, [this] {
        const auto result = m_watcher->result();
        m_intact = result.first;
        m_verifyText = result.second;
        m_watcher.reset();
        Q_EMIT verifyingChanged();
        Q_EMIT verified();
    });
    m_watcher->setFuture(QtConcurrent::run([opener = m_openWorkerStore]() -> QPair<bool, QString> {
        try {
            const auto store = opener();
            const VerifyReport r = store->verify();
            return {r.intact && r.projectionsMatch, r.summary()};
        } catch (const CiiError &e) {
            return {false, e.userText()};
        }
    }));
    Q_EMIT verifyingChanged();
}

} // namespace cii
