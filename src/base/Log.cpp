#include "Log.h"

Q_LOGGING_CATEGORY(lcStore, "cii.store")
Q_LOGGING_CATEGORY(lcLedger, "cii.ledger")
Q_LOGGING_CATEGORY(lcUi, "cii.ui")
Q_LOGGING_CATEGORY(lcSync, "cii.sync")
