// libFuzzer target: opening a change set (docs/RELIABILITY.md). The first byte picks how far in the input goes:
//   0: the input is the whole change set as downloaded (format, header CBOR, signature);
//   1: the input is the compressed body, sealed here with the fuzz key and device so that the signature and the
//      decryption pass and the fuzzed bytes reach zstd and the event parser;
//   2: the input is the plaintext (events as CBOR), compressed and sealed here, for the event parser alone.
// Every path must end in an Opened with a failure or with events; nothing may crash, leak or read out of bounds.
#include "ChangeSet.h"
#include "DeviceKey.h"

#include <zstd.h>

using namespace cii;

namespace {

const BackupKey &key()
{
    static const BackupKey k{QByteArray(32, '\x01')};
    return k;
}

const DeviceKey &device()
{
    static const DeviceKey d = DeviceKey::fromPrivateKey(QByteArray(32, '\x02'));
    return d;
}

ChangeSetHeader header()
{
    ChangeSetHeader h;
    h.pharmacyId = QStringLiteral("ph-fuzz");
    h.deviceId = QStringLiteral("dev-fuzz");
    h.firstSeq = 1;
    h.lastSeq = 3;
    h.prevSetHash = QByteArray(32, '\0');
    h.createdMs = 1'790'000'000'000;
    h.keyId = key().id();
    h.stateDigest = QByteArray(32, '\x5a');
    return h;
}

void openAll(const QByteArray &bytes)
{
    changeset::peekHeader(bytes);
    changeset::inspect(bytes, device().publicKey());
    changeset::open(bytes, key(), {device().publicKey(), QByteArray(32, '\0'), 1, Event::genesisHash()});
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    switch (data[0] % 3) {
    case 0:
        openAll(input);
        break;
    case 1:
        openAll(changeset::sealCompressed(header(), input, key(), device()));
        break;
    default: {
        QByteArray packed(qsizetype(ZSTD_compressBound(size_t(input.size()))), '\0');
        const size_t n = ZSTD_compress(packed.data(), size_t(packed.size()), input.constData(), size_t(input.size()), 1);
        if (ZSTD_isError(n))
            return 0;
        packed.truncate(qsizetype(n));
        openAll(changeset::sealCompressed(header(), packed, key(), device()));
    }
    }
    return 0;
}
