// SPDX-License-Identifier: MIT
// The retransmission timeout estimator (RFC 6298, with Linux's bounds; see tcp_cb.h). Pure code: it
// also builds for the host unit tests.
#include "net/inet/tcp_cb.h"

void tcp_rtt_sample(TcpRto& r, u64 rtt) {
    if (!r.srtt_ns) {
        r.srtt_ns = rtt;
        r.rttvar_ns = rtt / 2;
    } else {
        u64 diff = r.srtt_ns > rtt ? r.srtt_ns - rtt : rtt - r.srtt_ns;
        r.rttvar_ns = (3 * r.rttvar_ns + diff) / 4;
        r.srtt_ns = (7 * r.srtt_ns + rtt) / 8;
    }
    u64 rto = r.srtt_ns + 4 * r.rttvar_ns;
    r.rto_ns = rto < kTcpRtoMinNs ? kTcpRtoMinNs : rto > kTcpRtoMaxNs ? kTcpRtoMaxNs : rto;
}

void tcp_rto_backoff(TcpRto& r) {
    if (r.backoff < 63) r.backoff++;
    r.timing = false;   // Karn: what is sent again is never timed
}

u64 tcp_rto_current(const TcpRto& r) {
    u64 t = r.rto_ns;
    for (u8 i = 0; i < r.backoff && t < kTcpRtoMaxNs; i++) t *= 2;
    return t < kTcpRtoMaxNs ? t : kTcpRtoMaxNs;
}
