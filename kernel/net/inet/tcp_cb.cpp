// SPDX-License-Identifier: MIT
// The TCP state machine (see tcp_cb.h).
#include "net/inet/tcp_cb.h"

#include <errno.h>

using wire::TcpHeader;

namespace {

u16 window_field(TcpCb& cb, u32 space, bool syn) {
    if (!syn && cb.hold_window) {
        // A duplicate ACK offers the right edge the last ACK did, never a moved one.
        u32 keep = seq_lt(cb.rcv_nxt, cb.rcv_right) ? cb.rcv_right - cb.rcv_nxt : 0;
        if (space >= keep) space = keep;
    }
    cb.hold_window = false;
    u32 w = syn ? space : space >> cb.rcv_shift;
    if (w > 0xffff) w = 0xffff;
    cb.rcv_adv = syn ? w : w << cb.rcv_shift;
    cb.rcv_right = cb.rcv_nxt + cb.rcv_adv;
    return static_cast<u16>(w);
}

TcpHeader base(TcpCb& cb, u8 flags, u32 rcv_space) {
    TcpHeader h;
    h.seq = cb.snd_nxt;
    h.ack = cb.rcv_nxt;
    h.flags = flags;
    h.wnd = window_field(cb, rcv_space, flags & wire::kSyn);
    return h;
}

void take_options(TcpCb& cb, const TcpHeader& syn, u16 our_mss) {
    cb.mss = syn.mss ? syn.mss : kTcpDefaultMss;
    if (cb.mss > our_mss) cb.mss = our_mss;
    cb.wscale_ok = syn.wscale >= 0;
    cb.snd_shift = cb.wscale_ok ? static_cast<u8>(syn.wscale) : 0;
    cb.rcv_shift = cb.wscale_ok ? kTcpWscale : 0;
}

void update_window(TcpCb& cb, const TcpHeader& seg, TcpInput& out) {
    if (seq_lt(cb.snd_wl1, seg.seq) || (cb.snd_wl1 == seg.seq && seq_le(cb.snd_wl2, seg.ack))) {
        u32 w = u32(seg.wnd) << cb.snd_shift;
        if (w > cb.snd_wnd) out.window_opened = true;
        cb.snd_wnd = w;
        cb.snd_wl1 = seg.seq;
        cb.snd_wl2 = seg.ack;
    }
}

void enter(TcpCb& cb, TcpState s, TcpInput& out) {
    cb.state = s;
    if (s == TcpState::Closed) out.closed = true;
    if (s == TcpState::TimeWait) out.time_wait = true;
}

// Step five of RFC 9293 3.10.7.4: the acknowledgement.
bool process_ack(TcpCb& cb, const TcpHeader& seg, TcpInput& out) {
    if (cb.state == TcpState::SynRcvd) {
        if (!(seq_lt(cb.snd_una, seg.ack) && seq_le(seg.ack, cb.snd_nxt))) {
            out.send_rst = true;
            out.rst = TcpHeader{};
            out.rst.seq = seg.ack;
            out.rst.flags = wire::kRst;
            return false;
        }
        cb.snd_una = cb.iss + 1;   // the SYN
        enter(cb, TcpState::Established, out);
        out.established = true;
        cb.snd_wnd = u32(seg.wnd) << cb.snd_shift;
        cb.snd_wl1 = seg.seq;
        cb.snd_wl2 = seg.ack;
    }
    if (seq_lt(cb.snd_max, seg.ack)) {   // acknowledges something never sent
        out.send_ack = true;
        return false;
    }
    if (seq_lt(cb.snd_una, seg.ack)) {
        u32 n = seg.ack - cb.snd_una;
        if (cb.fin_sent && seq_lt(cb.fin_seq, seg.ack) && !cb.fin_acked) {
            cb.fin_acked = true;
            n--;
        }
        out.acked = n;
        cb.snd_una = seg.ack;
        // An ACK of the first transmission of bytes being sent again: no need to resend them.
        if (seq_lt(cb.snd_nxt, seg.ack)) cb.snd_nxt = seg.ack;
    }
    if (seq_le(cb.snd_una, seg.ack)) update_window(cb, seg, out);
    if (cb.fin_acked) {
        if (cb.state == TcpState::FinWait1) enter(cb, TcpState::FinWait2, out);
        else if (cb.state == TcpState::Closing) enter(cb, TcpState::TimeWait, out);
        else if (cb.state == TcpState::LastAck) {
            enter(cb, TcpState::Closed, out);
            return false;
        }
    }
    return true;
}

TcpInput syn_sent(TcpCb& cb, const TcpHeader& seg, u32 rcv_space) {
    TcpInput out;
    bool has_ack = seg.flags & wire::kAck;
    if (has_ack && seg.ack != cb.iss + 1) {
        if (!(seg.flags & wire::kRst)) {
            out.send_rst = true;
            out.rst.seq = seg.ack;
            out.rst.flags = wire::kRst;
        }
        return out;
    }
    if (seg.flags & wire::kRst) {
        if (has_ack) {
            out.reset_errno = ECONNREFUSED;
            enter(cb, TcpState::Closed, out);
        }
        return out;
    }
    if (!(seg.flags & wire::kSyn)) return out;
    if (!has_ack) {
        // Simultaneous open (RFC 9293 3.5, figure 8): SYN-RECEIVED, and our SYN again with an ACK.
        cb.irs = seg.seq;
        cb.rcv_nxt = seg.seq + 1;
        take_options(cb, seg, cb.mss);
        cb.snd_wnd = seg.wnd;
        cb.snd_wl1 = seg.seq;
        cb.state = TcpState::SynRcvd;
        out.send_synack = true;
        return out;
    }
    cb.irs = seg.seq;
    cb.rcv_nxt = seg.seq + 1;
    cb.snd_una = seg.ack;
    cb.snd_nxt = cb.snd_max = seg.ack;
    take_options(cb, seg, cb.mss);
    cb.snd_wnd = seg.wnd;   // never scaled in a SYN
    cb.snd_wl1 = seg.seq;
    cb.snd_wl2 = seg.ack;
    enter(cb, TcpState::Established, out);
    out.established = true;
    out.send_ack = true;
    (void)rcv_space;
    return out;
}

}  // namespace

const char* tcp_state_name(TcpState s) {
    static const char* const names[] = {"CLOSED",     "LISTEN",     "SYN_SENT", "SYN_RCVD", "ESTABLISHED", "FIN_WAIT1",
                                        "FIN_WAIT2", "CLOSE_WAIT", "CLOSING",  "LAST_ACK", "TIME_WAIT"};
    return names[static_cast<int>(s)];
}

u32 TcpCb::data_in_flight() const {
    u32 n = snd_nxt - snd_una;
    if (state == TcpState::SynSent || state == TcpState::SynRcvd) return 0;
    if (fin_sent && !fin_acked && seq_lt(fin_seq, snd_nxt)) n--;
    return n;
}

void tcp_rewind(TcpCb& cb) {
    if (cb.state == TcpState::SynSent || cb.state == TcpState::SynRcvd) return;   // tcp_syn_again
    cb.snd_nxt = cb.snd_una;
}

bool tcp_resend_first(TcpCb& cb, u32 rcv_space, TcpHeader& seg, u32& len) {
    if (cb.state == TcpState::SynSent || cb.state == TcpState::SynRcvd) return false;
    u32 n = cb.data_in_flight();
    if (n > cb.mss) n = cb.mss;
    if (!n) return false;
    seg = base(cb, wire::kAck | wire::kPsh, rcv_space);
    seg.seq = cb.snd_una;
    len = n;
    return true;
}

bool tcp_syn_again(TcpCb& cb, u32 rcv_space, u16 our_mss, TcpHeader& h) {
    if (cb.state == TcpState::SynRcvd) {
        h = tcp_synack(cb, rcv_space, our_mss);
        return true;
    }
    if (cb.state != TcpState::SynSent) return false;
    h = TcpHeader{};
    h.seq = cb.iss;
    h.flags = wire::kSyn;
    h.wnd = window_field(cb, rcv_space, true);
    h.mss = our_mss;
    h.wscale = kTcpWscale;
    return true;
}

bool tcp_reset_for(const TcpHeader& in, u32 payload_len, TcpHeader& rst) {
    if (in.flags & wire::kRst) return false;
    rst = TcpHeader{};
    rst.sport = in.dport;
    rst.dport = in.sport;
    if (in.flags & wire::kAck) {
        rst.seq = in.ack;
        rst.flags = wire::kRst;
    } else {
        rst.ack = in.seq + payload_len + ((in.flags & wire::kSyn) ? 1 : 0) + ((in.flags & wire::kFin) ? 1 : 0);
        rst.flags = wire::kRst | wire::kAck;
    }
    return true;
}

TcpHeader tcp_open_active(TcpCb& cb, u32 iss, u32 rcv_space, u16 our_mss) {
    cb = TcpCb{};
    cb.state = TcpState::SynSent;
    cb.iss = iss;
    cb.snd_una = iss;
    cb.snd_nxt = iss;
    cb.mss = our_mss;
    TcpHeader h = base(cb, wire::kSyn, rcv_space);
    h.mss = our_mss;
    h.wscale = kTcpWscale;
    cb.snd_nxt = cb.snd_max = iss + 1;
    return h;
}

TcpHeader tcp_open_passive(TcpCb& cb, const TcpHeader& syn, u32 iss, u32 rcv_space, u16 our_mss) {
    cb = TcpCb{};
    cb.state = TcpState::SynRcvd;
    cb.iss = iss;
    cb.snd_una = iss;
    cb.snd_nxt = iss;
    cb.irs = syn.seq;
    cb.rcv_nxt = syn.seq + 1;
    take_options(cb, syn, our_mss);
    cb.snd_wnd = syn.wnd;
    TcpHeader h = base(cb, wire::kSyn | wire::kAck, rcv_space);
    h.mss = our_mss;
    if (cb.wscale_ok) h.wscale = kTcpWscale;
    cb.snd_nxt = cb.snd_max = iss + 1;
    return h;
}

TcpInput tcp_input(TcpCb& cb, const TcpHeader& seg, u32 payload_len, u32 rcv_space) {
    if (cb.state == TcpState::SynSent) return syn_sent(cb, seg, rcv_space);
    TcpInput out;
    if (cb.state == TcpState::Closed || cb.state == TcpState::Listen) return out;
    // The peer's SYN-ACK of a simultaneous open (linux: tcp_validate_incoming() lets it pass).
    bool simultaneous = cb.state == TcpState::SynRcvd && (seg.flags & wire::kSyn) && (seg.flags & wire::kAck) &&
                        !(seg.flags & wire::kRst) && seg.seq + 1 == cb.rcv_nxt && seg.ack == cb.snd_nxt;
    if (simultaneous) {
        process_ack(cb, seg, out);
        cb.snd_wnd = seg.wnd;   // a SYN's window is never scaled
        if (out.established) out.send_ack = true;
        return out;
    }
    // Step one: sequence acceptability (in-order delivery: the segment must start at rcv_nxt,
    // or be an old one that overlaps it).
    u32 seg_len = payload_len + ((seg.flags & wire::kSyn) ? 1 : 0) + ((seg.flags & wire::kFin) ? 1 : 0);
    u32 skip = 0;
    if (seq_lt(seg.seq, cb.rcv_nxt)) {
        skip = cb.rcv_nxt - seg.seq;
        if (seg_len == 0 || skip >= seg_len) {
            if (!(seg.flags & wire::kRst)) out.send_ack = cb.hold_window = true;
            return out;
        }
    } else if (seg.seq != cb.rcv_nxt) {
        if (!(seg.flags & wire::kRst)) out.send_ack = cb.hold_window = true;
        bool receiving = cb.state == TcpState::Established || cb.state == TcpState::FinWait1 ||
                         cb.state == TcpState::FinWait2;
        u32 ahead = seg.seq - cb.rcv_nxt;
        if (receiving && payload_len && !(seg.flags & (wire::kRst | wire::kSyn)) && ahead < rcv_space &&
            payload_len <= rcv_space - ahead)
            out.out_of_order = true;
        return out;
    }
    // Step two: RST.
    if (seg.flags & wire::kRst) {
        if (cb.state == TcpState::SynRcvd) {
            enter(cb, TcpState::Closed, out);
            return out;
        }
        if (cb.state <= TcpState::CloseWait) out.reset_errno = cb.state == TcpState::CloseWait ? EPIPE : ECONNRESET;
        enter(cb, TcpState::Closed, out);
        return out;
    }
    // Step four: a SYN in a synchronized state gets a challenge ACK (RFC 5961).
    if (seg.flags & wire::kSyn) {
        out.send_ack = true;
        return out;
    }
    if (!(seg.flags & wire::kAck)) return out;
    if (cb.state == TcpState::TimeWait) {
        if (seg.flags & wire::kFin) out.send_ack = true;   // the peer lost our ACK of its FIN
        return out;
    }
    if (!process_ack(cb, seg, out)) return out;
    // Step seven: data, in the states that still receive.
    u32 data = payload_len > skip ? payload_len - skip : 0;
    bool receiving = cb.state == TcpState::Established || cb.state == TcpState::FinWait1 ||
                     cb.state == TcpState::FinWait2;
    if (data && receiving) {
        u32 n = data < rcv_space ? data : rcv_space;
        out.data_off = skip;
        out.data_len = n;
        cb.rcv_nxt += n;
        out.send_ack = true;
        if (n < data) return out;   // the rest (and any FIN) comes again when there is room
    } else if (data) {
        return out;
    }
    // Step eight: FIN.
    if ((seg.flags & wire::kFin) && !cb.peer_fin) {
        cb.peer_fin = true;
        out.peer_fin = true;
        cb.rcv_nxt += 1;
        out.send_ack = true;
        switch (cb.state) {
        case TcpState::SynRcvd:
        case TcpState::Established: enter(cb, TcpState::CloseWait, out); break;
        case TcpState::FinWait1: enter(cb, cb.fin_acked ? TcpState::TimeWait : TcpState::Closing, out); break;
        case TcpState::FinWait2: enter(cb, TcpState::TimeWait, out); break;
        default: break;
        }
    }
    return out;
}

bool tcp_next_segment(TcpCb& cb, u32 unsent, u32 rcv_space, TcpHeader& seg, u32& len) {
    len = 0;
    bool can_send = cb.state == TcpState::Established || cb.state == TcpState::CloseWait;
    bool finning = cb.state == TcpState::FinWait1 || cb.state == TcpState::Closing || cb.state == TcpState::LastAck;
    bool resending = seq_lt(cb.snd_nxt, cb.snd_max);
    if (!can_send && !(finning && (!cb.fin_sent || resending))) return false;
    if (cb.fin_sent && !resending) return false;
    u32 in_flight = cb.snd_nxt - cb.snd_una;
    u32 usable = cb.snd_wnd > in_flight ? cb.snd_wnd - in_flight : 0;
    u32 n = unsent;
    if (n > cb.mss) n = cb.mss;
    if (n > usable) n = usable;
    bool fin = cb.fin_wanted && n == unsent;
    if (!n && !fin) return false;
    seg = base(cb, wire::kAck | (n ? wire::kPsh : 0) | (fin ? wire::kFin : 0), rcv_space);
    len = n;
    cb.snd_nxt += n;
    if (fin) {
        cb.fin_seq = cb.snd_nxt;
        cb.snd_nxt += 1;
        cb.fin_sent = true;
        if (cb.state == TcpState::Established) cb.state = TcpState::FinWait1;
        else if (cb.state == TcpState::CloseWait) cb.state = TcpState::LastAck;
    }
    if (seq_lt(cb.snd_max, cb.snd_nxt)) cb.snd_max = cb.snd_nxt;
    return true;
}

TcpHeader tcp_synack(TcpCb& cb, u32 rcv_space, u16 our_mss) {
    TcpHeader h;
    h.seq = cb.iss;
    h.ack = cb.rcv_nxt;
    h.flags = wire::kSyn | wire::kAck;
    h.wnd = window_field(cb, rcv_space, true);
    h.mss = our_mss;
    if (cb.wscale_ok) h.wscale = kTcpWscale;
    return h;
}

TcpHeader tcp_ack(TcpCb& cb, u32 rcv_space) { return base(cb, wire::kAck, rcv_space); }

TcpHeader tcp_abort(TcpCb& cb) {
    TcpHeader h;
    h.seq = cb.snd_nxt;
    h.ack = cb.rcv_nxt;
    h.flags = wire::kRst | wire::kAck;
    cb.state = TcpState::Closed;
    return h;
}

bool tcp_window_update_due(const TcpCb& cb, u32 rcv_space, u32 rcv_capacity) {
    if (!cb.synchronized() || cb.peer_fin) return false;
    u32 step = cb.mss < rcv_capacity / 2 ? cb.mss : rcv_capacity / 2;
    u32 adv = (rcv_space >> cb.rcv_shift) << cb.rcv_shift;
    return adv >= cb.rcv_adv + step;
}
