// SPDX-License-Identifier: MIT
// The TCP connection state machine (RFC 9293 section 3.10) as pure logic: a control block, what
// an arriving segment does to it, and which segment to send next. The kernel side (tcp_*.cpp)
// owns the byte queues and sockets and acts on the outcome; the host unit tests drive it with
// hand-made segments.
//
// A segment that is not the next in sequence is answered with an ACK (a duplicate one, which
// starts the sender's fast retransmit); one with data inside the window is marked out_of_order so
// the caller may keep it and offer it again once the hole is filled. Retransmission is go-back-N: when the
// timer fires, snd_nxt goes back to snd_una (tcp_rewind) and everything after it is sent again,
// while snd_max remembers how far the sequence space was ever sent, so ACKs of the first
// transmission still count. The timer itself (RFC 6298) is TcpRto below; the socket side runs it.
#pragma once

#include "net/inet/wire.h"

enum class TcpState : u8 {
    Closed, Listen, SynSent, SynRcvd, Established, FinWait1, FinWait2, CloseWait, Closing, LastAck, TimeWait
};

const char* tcp_state_name(TcpState s);

inline bool seq_lt(u32 a, u32 b) { return static_cast<i32>(a - b) < 0; }
inline bool seq_le(u32 a, u32 b) { return static_cast<i32>(a - b) <= 0; }

constexpr u8 kTcpWscale = 7;        // the shift this side offers (linux picks 7 for its buffers)
constexpr u16 kTcpDefaultMss = 536;  // RFC 9293: when the peer sends none

struct TcpCb {
    TcpState state = TcpState::Closed;
    u32 iss = 0, snd_una = 0, snd_nxt = 0, snd_wnd = 0, snd_wl1 = 0, snd_wl2 = 0;
    u32 snd_max = 0;       // the highest sequence number sent so far, plus one
    u32 fin_seq = 0;       // the FIN's sequence number, once sent
    u32 irs = 0, rcv_nxt = 0;
    u32 rcv_adv = 0;       // the window last advertised (bytes, unscaled)
    u32 rcv_right = 0;     // the right edge it offered: rcv_nxt + rcv_adv then
    // The next ACK answers a segment out of sequence: it offers the same right edge, so the peer
    // counts it as a duplicate (RFC 5681: same window) and retransmits fast.
    bool hold_window = false;
    u8 snd_shift = 0;      // peer's window scale
    u8 rcv_shift = 0;      // ours, when the peer agreed
    bool wscale_ok = false;
    u16 mss = kTcpDefaultMss;   // what we may send per segment
    bool fin_wanted = false;    // the application is done sending (close or shutdown)
    bool fin_sent = false;
    bool fin_acked = false;
    bool peer_fin = false;

    bool synchronized() const { return state >= TcpState::Established || state == TcpState::SynRcvd; }
    // Data bytes sent and not yet acknowledged.
    u32 data_in_flight() const;
    // Sent sequence space not yet acknowledged (SYN and FIN included): the retransmission timer runs.
    bool unacked() const { return seq_lt(snd_una, snd_max); }
};

// The retransmission timeout (RFC 6298) with Linux's bounds: 1 s before any measurement,
// never under 200 ms nor over 120 s, doubling on each expiry.
constexpr u64 kTcpRtoInitNs = 1'000'000'000;
constexpr u64 kTcpRtoMinNs = 200'000'000;
constexpr u64 kTcpRtoMaxNs = 120'000'000'000;
constexpr u8 kTcpMaxRetries = 15;      // linux: tcp_retries2 (data); SYNs: tcp_syn_retries
constexpr u8 kTcpMaxSynRetries = 6;

struct TcpRto {
    u64 srtt_ns = 0, rttvar_ns = 0;   // srtt 0: no measurement yet
    u64 rto_ns = kTcpRtoInitNs;
    u8 backoff = 0;                    // expiries since the last new acknowledgement
    // One timed segment at a time (Karn: never one that was retransmitted).
    bool timing = false;
    u32 timed_seq = 0;
    u64 timed_at_ns = 0;
};
// A round-trip measurement.
void tcp_rtt_sample(TcpRto& r, u64 rtt_ns);
// The timer expired: the next timeout, doubled (capped).
void tcp_rto_backoff(TcpRto& r);
// The current timeout including backoff.
u64 tcp_rto_current(const TcpRto& r);
// Goes back to the oldest unacknowledged byte: what follows is sent again by tcp_next_segment
// (and tcp_syn_again for an unanswered SYN).
void tcp_rewind(TcpCb& cb);

// What one segment did; the caller queues data, wakes sleepers, sends replies.
struct TcpInput {
    bool send_ack = false;
    bool send_rst = false;
    bool send_synack = false;   // simultaneous open: answer the peer's SYN with tcp_synack()
    wire::TcpHeader rst;        // the reset to send when send_rst
    u32 data_off = 0;           // accepted payload bytes [data_off, data_off + data_len)
    u32 data_len = 0;
    u32 acked = 0;              // send-queue bytes now acknowledged
    bool established = false;   // the handshake completed with this segment
    bool peer_fin = false;      // the peer's FIN was accepted now
    int reset_errno = 0;        // the connection was reset: ECONNREFUSED or ECONNRESET
    bool closed = false;        // the connection reached CLOSED
    bool time_wait = false;     // the connection entered TIME-WAIT now
    bool window_opened = false; // the peer's window grew
    bool out_of_order = false;  // data beyond a hole, inside the window: worth keeping until it fills
};

// The reply to a segment that reached no connection (RFC 9293 3.10.7.1).
bool tcp_reset_for(const wire::TcpHeader& in, u32 payload_len, wire::TcpHeader& rst);

// Starts an active open: SynSent and the SYN to send.
wire::TcpHeader tcp_open_active(TcpCb& cb, u32 iss, u32 rcv_space, u16 our_mss);
// A listener's SYN makes cb a SynRcvd connection and gives the SYN-ACK to send.
wire::TcpHeader tcp_open_passive(TcpCb& cb, const wire::TcpHeader& syn, u32 iss, u32 rcv_space, u16 our_mss);
// Processes a segment of a connection in any state but Closed/Listen. rcv_space: free bytes in
// the receive queue.
TcpInput tcp_input(TcpCb& cb, const wire::TcpHeader& seg, u32 payload_len, u32 rcv_space);
// The next segment to send with unsent queued data bytes: data (at most mss and what the peer's
// window allows), FIN when the application is done and everything is sent. Returns false when
// there is nothing to send. seg gets seq/ack/flags/wnd; *len the payload bytes.
bool tcp_next_segment(TcpCb& cb, u32 unsent, u32 rcv_space, wire::TcpHeader& seg, u32& len);
// The SYN-ACK of a simultaneous open (both sides sent a SYN; a socket connecting to itself).
wire::TcpHeader tcp_synack(TcpCb& cb, u32 rcv_space, u16 our_mss);
// Fast retransmit (RFC 5681 3.2, without its congestion control): after three duplicate ACKs, the
// data segment at snd_una once more, snd_nxt unchanged. False when no data is outstanding.
bool tcp_resend_first(TcpCb& cb, u32 rcv_space, wire::TcpHeader& seg, u32& len);
// The SYN (SynSent) or SYN-ACK (SynRcvd) again, after a timeout; false in other states.
bool tcp_syn_again(TcpCb& cb, u32 rcv_space, u16 our_mss, wire::TcpHeader& h);
// A bare ACK (window update or acknowledgement).
wire::TcpHeader tcp_ack(TcpCb& cb, u32 rcv_space);
// A RST that aborts the connection (close with unread data, SO_LINGER 0).
wire::TcpHeader tcp_abort(TcpCb& cb);
// After the application read: whether the window opened enough to tell the peer (RFC 9293
// 3.8.6.2.2, receiver side silly-window avoidance).
bool tcp_window_update_due(const TcpCb& cb, u32 rcv_space, u32 rcv_capacity);
