#pragma once

#include "ScanDetector.h"

#include <QObject>
#include <QVariantMap>
#include <functional>

namespace cii {
class SessionController;

/// Watches every key and touch in the application: each one restarts the session's idle lock, and a barcode
/// scanner's burst of characters ended by Enter (ScanDetector) is looked up and sent as scanned(), wherever the
/// focus is, while someone is signed in. UI thread only; installs itself as the application's event filter.
class ScannerRouter : public QObject
{
    Q_OBJECT
public:
    using Lookup = std::function<QVariantMap(const QString &code)>;
    /// `lookup` turns a code into {found, ndc11, name, lot, expiry, message}.
    ScannerRouter(SessionController *session, Lookup lookup, QObject *parent = nullptr);

Q_SIGNALS:
    /// A code scanned: the lookup's result, with `code`, the characters scanned (they also reached the focused
    /// field; a form takes them back out).
    void scanned(const QVariantMap &result);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    SessionController *m_session;
    Lookup m_lookup;
    ScanDetector m_scans;
};

} // namespace cii
