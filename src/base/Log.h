#pragma once

#include <QLoggingCategory>

// One category per subsystem. Never log keys, recovery keys, PINs, passwords or patient data.
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcLedger)
Q_DECLARE_LOGGING_CATEGORY(lcUi)
Q_DECLARE_LOGGING_CATEGORY(lcSync)
