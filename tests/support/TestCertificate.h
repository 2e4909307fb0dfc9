#pragma once

#include <QByteArray>
#include <utility>

namespace cii::test {

/// A self-signed certificate for 127.0.0.1 (P-256), as an operator's would be for the service's address: the
/// certificate and its key in PEM. For HTTPS tests of the service and of the workstation's pinned CA.
std::pair<QByteArray, QByteArray> certificateForLoopback();

} // namespace cii::test
