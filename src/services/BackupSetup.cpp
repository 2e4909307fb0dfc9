#include "BackupSetup.h"

#include "Activation.h"
#include "RecoverySetup.h"
#include "RecoverySheet.h"
#include "Store.h"

#include <QFile>
#include <QFileInfo>

namespace cii::backupsetup {

std::optional<sync::ReplicationSettings> activate(Store &store, const QString &service, const QString &code, const QString &caPath,
                                                  const QString &deviceName, QString &problem)
{
    QByteArray ca;
    if (!caPath.trimmed().isEmpty()) {
        QFile f(caPath.trimmed());
        if (!f.open(QIODevice::ReadOnly)) {
            problem = QStringLiteral("The certificate file %1 cannot be read (%2).").arg(f.fileName(), f.errorString());
            return std::nullopt;
        }
        ca = f.read(1024 * 1024);
    }
    // As a person types it: a bare host name is taken as an address (and then refused unless https).
    return sync::activate(store.db(), QUrl::fromUserInput(service.trimmed()), code.trimmed(), deviceName, ca, store.clock().nowMs(),
                          problem);
}

std::optional<NewRecoveryKey> makeRecoveryKey(Store &store, const QString &sheetPath, QString &problem, quint64 scryptN)
{
    const QString path = sheetPath.trimmed().isEmpty() ? QString() : QFileInfo(sheetPath.trimmed()).absoluteFilePath();
    if (!path.isEmpty()) {
        if (const QString folder = RecoverySheet::unwritableFolder(path); !folder.isEmpty()) {
            problem = QStringLiteral("The recovery sheet cannot be written in %1: choose a folder that exists and can be written. "
                                     "Nothing was changed: the earlier recovery key still works.").arg(folder);
            return std::nullopt;
        }
    }
    const qint64 now = store.clock().nowMs();
    const auto key = sync::replaceRecoveryKey(store.db(), now, problem, scryptN);
    if (!key)
        return std::nullopt;
    NewRecoveryKey made{key->text(), {}, {}};
    if (!path.isEmpty()) {
        const auto settings = sync::ReplicationSettings::load(store.db());
        const QString service = settings ? settings->serviceUrl.toString() : QString();
        made.sheetProblem = RecoverySheet::forStore(store.db(), service, made.key, now).writePdf(path);
        if (made.sheetProblem.isEmpty())
            made.sheetPath = path;
    }
    return made;
}

} // namespace cii::backupsetup
