#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <memory>

class QQmlEngine;
class QJSEngine;

namespace cii {
class Store;
class CiiError;
struct VerifyReport;

/// What the window shows about the encrypted store: where it is, what protects its key, its version, the
/// journal head, and the last verification. Built in main.cpp; QML gets that instance as a singleton.
/// verify() runs on a worker with its own connection (opened by `openWorkerStore`), never on the UI thread.
class StoreStatus : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool isOpen READ isOpen CONSTANT)
    Q_PROPERTY(QString errorText READ errorText CONSTANT)
    Q_PROPERTY(QString errorHint READ errorHint CONSTANT)
    Q_PROPERTY(QString path READ path CONSTANT)
    Q_PROPERTY(QString keyProtectionText READ keyProtectionText CONSTANT)
    Q_PROPERTY(bool keyInSystemKeychain READ keyInSystemKeychain CONSTANT)
    Q_PROPERTY(int schemaVersion READ schemaVersion CONSTANT)
    Q_PROPERTY(qint64 eventCount READ eventCount NOTIFY journalChanged)
    Q_PROPERTY(QString headHash READ headHash NOTIFY journalChanged)
    Q_PROPERTY(bool verifying READ verifying NOTIFY verifyingChanged)
    Q_PROPERTY(QString verifyText READ verifyText NOTIFY verified)
    Q_PROPERTY(bool intact READ intact NOTIFY verified)

public:
    using StoreOpener = std::function<std::unique_ptr<Store>()>;

    /// `store` may be null when opening failed; then `error` says why.
    StoreStatus(Store *store, StoreOpener openWorkerStore, const CiiError *error, QObject *parent = nullptr);
    ~StoreStatus() override;

    static StoreStatus *create(QQmlEngine *, QJSEngine *);
    static void setInstance(StoreStatus *instance);

    bool isOpen() const { return m_store != nullptr; }
    QString errorText() const { return m_errorText; }
    QString errorHint() const { return m_errorHint; }
    QString path() const;
    QString keyProtectionText() const;
    bool keyInSystemKeychain() const;
    int schemaVersion() const;
    qint64 eventCount() const;
    QString headHash() const;
    bool verifying() const { return m_watcher != nullptr; }
    QString verifyText() const { return m_verifyText; }
    bool intact() const { return m_intact; }

    /// Walks the journal on a worker; `verified` fires with the result.
    Q_INVOKABLE void verify();

Q_SIGNALS:
    void journalChanged();
    void verifyingChanged();
    void verified();

private:
    Store *m_store;
    StoreOpener m_openWorkerStore;
    QString m_errorText, m_errorHint;
    QString m_verifyText;
    bool m_intact = false;
    std::unique_ptr<QFutureWatcher<QPair<bool, QString>>> m_watcher;
};

} // namespace cii
