#pragma once

#include "Projection.h"

namespace cii {

/// Store-wide settings (store id, time zone, idle lock minutes, ...) from "store.created" and
/// "setting.changed" events, into the `settings` table.
class SettingsProjection final : public Projection
{
public:
    QString name() const override { return QStringLiteral("settings"); }
    QList<Table> tables() const override { return {{QStringLiteral("settings"), QStringLiteral("key")}}; }
    void apply(sql::Database &db, const Event &event, const QCborMap &payload) override;

    /// The current value of `key`, or `fallback` when unset.
    static QString value(sql::Database &db, const QString &key, const QString &fallback = {});
};

} // namespace cii
