// Quantities as people read them; see Quantities.h.
#include "Quantities.h"

#include <QLocale>
#include <QStringList>

namespace cii {

QString quantityText(qint64 n, const QString &unit)
{
    static const QStringList measures{QStringLiteral("mL"), QStringLiteral("mg"), QStringLiteral("g"), QStringLiteral("mcg"),
                                      QStringLiteral("L")};
    const QString number = QLocale(QLocale::English).toString(n);
    QString u = unit.trimmed();
    if (u.isEmpty())
        return number;
    if (qAbs(n) != 1 && !measures.contains(u)) {
        if (u.endsWith(QLatin1String("ch")) || u.endsWith(QLatin1String("sh")) || u.endsWith(QLatin1Char('s')) || u.endsWith(QLatin1Char('x')))
            u += QLatin1String("es");
        else if (u.endsWith(QLatin1Char('y')) && u.size() > 1 && !QStringLiteral("aeiou").contains(u.at(u.size() - 2)))
            u = u.chopped(1) + QLatin1String("ies");
        else
            u += QLatin1Char('s');
    }
    return number + QLatin1Char(' ') + u;
}

QString packagesText(qint64 packages, qint64 packageSize, const QString &unit)
{
    return QStringLiteral("%1 = %2").arg(quantityText(packages, QStringLiteral("package")),
                                          quantityText(packages * packageSize, unit));
}

} // namespace cii
