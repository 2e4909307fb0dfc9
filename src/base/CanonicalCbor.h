#pragma once

#include <QByteArray>
#include <QCborValue>

namespace cii {

/// Deterministic CBOR (RFC 8949 section 4.2.1, "core deterministic encoding"): shortest-form integers and
/// lengths, definite lengths only, map keys sorted by the bytewise order of their encodings.
/// The same value always encodes to the same bytes, which is what makes event hashes reproducible.
///
/// Refuses (throws CiiError InvalidInput) floating-point numbers, undefined, tags and simple values other
/// than false/true/null: quantities in this product are integers in a base unit, never floats.
QByteArray canonicalCbor(const QCborValue &value);

/// True when `bytes` is exactly one CBOR item in deterministic form.
bool isCanonicalCbor(const QByteArray &bytes);

} // namespace cii
