#include "ScannerRouter.h"

#include "SessionController.h"

#include <QCoreApplication>
#include <QEvent>
#include <QKeyEvent>

namespace cii {

ScannerRouter::ScannerRouter(SessionController *session, Lookup lookup, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_lookup(std::move(lookup))
{
    if (QCoreApplication::instance())
        QCoreApplication::instance()->installEventFilter(this);
}

bool ScannerRouter::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress: {
        m_session->touch();
        // Only the window's own key events: the same press also reaches the focused item, and is seen once here.
        if (!watched->isWindowType())
            break;
        const auto *key = static_cast<QKeyEvent *>(event);
        const qint64 ms = qint64(key->timestamp());
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (const auto code = m_scans.enter(ms); code && m_session->signedIn()) {
                QVariantMap r = m_lookup(*code);
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
        m_session->touch();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace cii
