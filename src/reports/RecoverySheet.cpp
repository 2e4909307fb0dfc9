#include "RecoverySheet.h"

#include "LedgerQueries.h"

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QStringList>

namespace cii {

RecoverySheet RecoverySheet::forStore(sql::Database &db, const QString &serviceUrl, const QString &recoveryKey, qint64 nowMs)
{
    RecoverySheet sheet;
    const PharmacyRow pharmacy = LedgerQueries(db).pharmacy();
    sheet.pharmacyName = pharmacy.name;
    sheet.pharmacyDea = pharmacy.dea;
    sheet.serviceUrl = serviceUrl;
    sheet.recoveryKey = recoveryKey;
    sheet.madeOn = QLocale(QLocale::English).toString(QDateTime::fromMSecsSinceEpoch(nowMs).date(), QStringLiteral("d MMMM yyyy"));
    return sheet;
}

QString RecoverySheet::unwritableFolder(const QString &path)
{
    const QFileInfo sheet(path.trimmed());
    if (!path.trimmed().isEmpty() && sheet.absoluteDir().exists() && QFileInfo(sheet.absolutePath()).isWritable())
        return {};
    return sheet.absolutePath();
}

void RecoverySheet::paint(QPaintDevice &device) const
{
    QPainter p(&device);
    p.fillRect(QRect(0, 0, device.width(), device.height()), Qt::white);
    // Everything is laid out in a 1,000-unit-wide page, whatever the device's resolution.
    const double scale = device.width() / 1000.0;
    p.scale(scale, scale);
    const int margin = 70, width = 1000 - 2 * margin;
    int y = margin;
    const auto text = [&](const QString &s, int pointSize, bool bold, int height, const QColor &colour = Qt::black, bool mono = false) {
        QFont f(mono ? QStringLiteral("DejaVu Sans Mono") : QStringLiteral("DejaVu Sans"));
        f.setPixelSize(pointSize);
        f.setBold(bold);
        if (mono)
            f.setStyleHint(QFont::Monospace);
        p.setFont(f);
        p.setPen(colour);
        const QRect box(margin, y, width, height);
        p.drawText(box, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, s);
        y += height;
    };
    text(QStringLiteral("CII Ledger recovery sheet"), 40, true, 60);
    text(pharmacyName + (pharmacyDea.isEmpty() ? QString() : QStringLiteral("  \u00b7  DEA %1").arg(pharmacyDea)), 24, false, 36);
    text(QStringLiteral("Made on %1. Backup service: %2").arg(madeOn, serviceUrl), 16, false, 40, QColor(0x44, 0x44, 0x44));
    y += 10;
    text(QStringLiteral("Recovery key"), 20, true, 34);
    const QStringList groups = recoveryKey.split(QLatin1Char('-'));
    const int columns = 4, cellWidth = width / columns, cellHeight = 70;
    for (int i = 0; i < groups.size(); ++i) {
        const QRect cell(margin + (i % columns) * cellWidth, y + (i / columns) * cellHeight, cellWidth - 14, cellHeight - 14);
        p.setPen(QPen(QColor(0x99, 0x99, 0x99), 1.5));
        p.drawRoundedRect(cell, 6, 6);
        QFont n(QStringLiteral("DejaVu Sans"));
        n.setPixelSize(13);
        p.setFont(n);
        p.setPen(QColor(0x66, 0x66, 0x66));
        p.drawText(cell.adjusted(8, 4, 0, 0), Qt::AlignLeft | Qt::AlignTop, QString::number(i + 1));
        QFont k(QStringLiteral("DejaVu Sans Mono"));
        k.setStyleHint(QFont::Monospace);
        k.setPixelSize(30);
        k.setBold(true);
        p.setFont(k);
        p.setPen(Qt::black);
        p.drawText(cell.adjusted(0, 10, 0, 0), Qt::AlignCenter, groups.at(i));
    }
    y += ((int(groups.size()) + columns - 1) / columns) * cellHeight + 20;
    text(QStringLiteral("What it is for"), 20, true, 34);
    text(QStringLiteral("If this pharmacy's CII Ledger computer fails, is stolen or is replaced, its Schedule II records are "
                        "restored on a new computer from the cloud backup with this key (Restore from Cloud). Without it "
                        "the backup cannot be opened by anyone, including us. The key is checked for typos group by group."),
         16, false, 100);
    text(QStringLiteral("Where to keep it"), 20, true, 34);
    text(QStringLiteral("Away from the computer: in the pharmacy's safe or with the owner's papers. Do not photograph it or "
                        "send it by e-mail. Anyone holding it and an activation code can read the records. Making a new "
                        "recovery key (Settings) makes this one stop working; destroy this sheet then."),
         16, false, 100);
    y += 30;
    p.setPen(QPen(Qt::black, 1));
    for (const QString &label : {QStringLiteral("Pharmacist-in-charge (print name and sign)"), QStringLiteral("Date")}) {
        p.drawLine(margin, y + 40, margin + (label.startsWith(QLatin1String("Date")) ? 300 : width), y + 40);
        text(QString(), 1, false, 44);
        text(label, 13, false, 40, QColor(0x44, 0x44, 0x44));
    }
}

QString RecoverySheet::writePdf(const QString &path) const
{
    if (path.trimmed().isEmpty())
        return QStringLiteral("Give a file to write the recovery sheet to.");
    const QFileInfo info(path);
    if (!info.absoluteDir().exists())
        return QStringLiteral("The folder %1 does not exist.").arg(info.absolutePath());
    QPdfWriter pdf(path);
    pdf.setPageSize(QPageSize(QPageSize::Letter));
    pdf.setResolution(300);
    pdf.setTitle(QStringLiteral("CII Ledger recovery sheet: %1").arg(pharmacyName));
    pdf.setCreator(QStringLiteral("CII Ledger"));
    paint(pdf);
    return QFileInfo(path).size() > 0 ? QString() : QStringLiteral("The recovery sheet could not be written to %1.").arg(path);
}

} // namespace cii
