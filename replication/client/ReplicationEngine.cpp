#include "ReplicationEngine.h"

#include "Store.h"

#include <QNetworkInformation>

namespace cii::sync {
namespace {

Drainer::Options forStore(Store &store, Drainer::Options options)
{
    options.store = store.connectionRecipe();
    return options;
}

} // namespace

ReplicationEngine::ReplicationEngine(Store &store, Drainer::Options options, QObject *parent)
    : QObject(parent)
    , m_drainer(Drainer::startOnThread(forStore(store, std::move(options))))
{
    Drainer *drainer = m_drainer.get();
    connect(drainer, &Drainer::statusChanged, this, [this](const DrainStatus &s) {
        m_status = s;
        Q_EMIT statusChanged(s);
    }, Qt::QueuedConnection);
    connect(drainer, &Drainer::acknowledged, this, &ReplicationEngine::acknowledged, Qt::QueuedConnection);
    connect(&store, &Store::committed, drainer, &Drainer::wake, Qt::QueuedConnection);
    // Reachability (when the platform has a backend) only wakes an early attempt: a request is the only proof of
    // connectivity. The backend object lives on this thread; the drainer hears of it queued.
    if (QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, drainer,
                [drainer](QNetworkInformation::Reachability r) {
                    if (r == QNetworkInformation::Reachability::Online || r == QNetworkInformation::Reachability::Site)
                        drainer->backUpNow();
                });
    }
}

ReplicationEngine::~ReplicationEngine() = default;

void ReplicationEngine::backUpNow()
{
    QMetaObject::invokeMethod(m_drainer.get(), &Drainer::backUpNow, Qt::QueuedConnection);
}

} // namespace cii::sync
