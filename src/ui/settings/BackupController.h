#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace cii {
class Counter;
class Store;

/// Settings > Backup (docs/REPLICATION.md "Settings > Backup"): this workstation's activation with the backup
/// service, and the recovery key with its printed sheet. What is waiting, the last acknowledgement and the state
/// are BackupStatus's (the badge's source); "Back up now" is BackupStatus::backUpNow. Activating and making or
/// replacing the key use the same recipe as the first-run wizard and ciictl (backupsetup::activate,
/// backupsetup::makeRecoveryKey), and are for the pharmacist-in-charge or the owner only (Action::ConfigurePharmacy,
/// checked here in C++ on every call; canChange only says what the page offers). Both wait for the service in a
/// local event loop while the page shows it is busy, on the UI thread. The recovery key is only ever in memory,
/// shown until keyPutAway(). One instance, built in the composition root (UiServices); QML gets it as a singleton.
class BackupController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// The signed-in person may activate and make the recovery key.
    Q_PROPERTY(bool canChange READ canChange NOTIFY changed)
    /// Why not, in a sentence naming who may ("" when canChange).
    Q_PROPERTY(QString readOnlyReason READ readOnlyReason NOTIFY changed)
    Q_PROPERTY(bool activated READ activated NOTIFY changed)
    Q_PROPERTY(bool revoked READ revoked NOTIFY changed)
    Q_PROPERTY(QString serviceUrl READ serviceUrl NOTIFY changed)
    Q_PROPERTY(QString servicePharmacy READ servicePharmacy NOTIFY changed)
    /// A recovery key was made for this pharmacy (from this workstation), and when, in words ("" when never).
    Q_PROPERTY(bool hasRecoveryKey READ hasRecoveryKey NOTIFY changed)
    Q_PROPERTY(QString recoveryKeyMadeOn READ recoveryKeyMadeOn NOTIFY changed)
    /// Waiting for the backup service.
    Q_PROPERTY(bool busy READ busy NOTIFY changed)
    /// The key just made, until keyPutAway(); and where its sheet was written ("" when it could not be).
    Q_PROPERTY(QString recoveryKey READ recoveryKey NOTIFY changed)
    Q_PROPERTY(QString sheetPath READ sheetPath NOTIFY changed)

public:
    /// `store` null: no store is open (everything refused). `counter` gives the signed-in session.
    BackupController(Store *store, Counter *counter, QObject *parent = nullptr);
    ~BackupController() override;
    static BackupController *create(QQmlEngine *, QJSEngine *);
    static void setInstance(BackupController *instance);

    bool canChange() const;
    QString readOnlyReason() const;
    bool activated() const;
    bool revoked() const;
    QString serviceUrl() const;
    QString servicePharmacy() const;
    bool hasRecoveryKey() const;
    QString recoveryKeyMadeOn() const;
    bool busy() const { return m_busy; }
    QString recoveryKey() const { return m_recoveryKey; }
    QString sheetPath() const { return m_sheetPath; }

    /// Activates this workstation with the service at `service` using the one-time `code` (and `caPath`, a PEM file
    /// of the service's private certificate authority, or empty). Returns the problem, or empty. The drainer
    /// re-reads the activation on its next attempt (the page asks BackupStatus to back up now).
    Q_INVOKABLE QString activate(const QString &service, const QString &code, const QString &caPath);
    /// Makes the recovery key (replacing any earlier one: the page asked first) and writes its sheet at `sheetPath`.
    /// Returns the problem, or empty; a sheet that could not be written is said, with the key still shown.
    Q_INVOKABLE QString makeRecoveryKey(const QString &sheetPath);
    /// The person has printed the sheet and put it away: the key leaves the screen.
    Q_INVOKABLE void keyPutAway();
    /// Where the sheet is suggested: the documents folder.
    Q_INVOKABLE QString suggestedSheetPath() const;
    /// What replacing the key means, for the question asked before: the earlier key (made on ...) no longer opens.
    Q_INVOKABLE QString replaceWarning() const;

Q_SIGNALS:
    void changed();

private:
    Store *m_store;
    Counter *m_counter;
    bool m_busy = false;
    QString m_recoveryKey, m_sheetPath;
};

} // namespace cii
