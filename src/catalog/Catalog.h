#pragma once

#include "Identifiers.h"

#include <QList>
#include <QString>

namespace cii {
namespace sql {
class Database;
}

struct ProductInfo
{
    QString ndc11, ndc, name, strength, dosageForm, baseUnit, schedule;
    qint64 packageSize = 0;
    bool active = true;

    /// The product as a list shows it, package size included, so two packages of one product differ:
    /// "Oxycodone Hydrochloride 5 mg tablet, 100 per package"; a measured unit reads as a quantity:
    /// "Methadone Hydrochloride Intensol 10 mg/mL, 30 mL per package".
    QString displayName() const;
};

/// What a scan or a typed code resolved to in this pharmacy's catalog.
struct ScanLookup
{
    bool found = false;
    QString message;     ///< when not found: a sentence for the person at the counter
    ProductInfo product;
    ScanResult scan;     ///< lot, expiry and serial from a GS1 code, to prefill a receipt
};

/// Read-only queries over the catalog projection (products), for the counter's search box and the scanner.
/// Uses indexes only: name prefix via products_by_name (NOCASE), NDC prefix via the ndc11 key or products_by_ndc.
class Catalog
{
public:
    explicit Catalog(sql::Database &db) : m_db(db) {}

    /// Products whose name starts with `text` (any case, in name order) or, when `text` is digits, whose 11-digit
    /// NDC starts with them, or when it has hyphens, whose NDC as labelled starts with it. At most `limit` rows;
    /// inactive products are included (the caller shows them as such).
    QList<ProductInfo> search(const QString &text, int limit = 50) const;
    /// Decodes a scan (UPC-A, GS1 DataMatrix, NDC with or without hyphens) and finds the product.
    ScanLookup lookupScan(const QString &raw) const;
    std::optional<ProductInfo> product(const QString &ndc11) const;
    /// Every product, active or not, by name then NDC (ciictl products).
    QList<ProductInfo> all() const;

private:
    sql::Database &m_db;
};

} // namespace cii
