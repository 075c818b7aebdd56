// SPDX-License-Identifier: MIT
// /dev/kmsg: the kernel log as records. A read returns one record as Linux formats it,
// "<prefix>,<seq>,<usec>,-;<text>\n", and blocks (or EAGAIN) when the reader has seen them all;
// lseek(0, SEEK_SET/SEEK_DATA/SEEK_END) rewinds or skips to the end; a write logs one message,
// with an optional "<N>" level prefix. linux: kernel/printk/printk.c (devkmsg_read/write/llseek).
//
// The log ring (core/log.h) only offers a snapshot of its text, each line "<L>[sec.usec] text".
// A reader's position is the timestamp of the last record it returned (plus its rank among
// records with that same timestamp), and sequence numbers count records per open file.
// LINUX-DIVERGENCE: seq numbers are per open file, not global; facility is always 0 (kernel);
// records overwritten before they were read are skipped silently (Linux reports EPIPE once);
// poll does not wake on new records (the log has no wait queue). Test: tty.kmsg_*
#include "abi/linux/uapi.h"
#include "core/log.h"
#include "core/sched.h"
#include "drivers/tty/tty.h"
#include "drivers/tty/tty_devices.h"
#include "fs/vfs/file.h"
#include "lib/format.h"
#include "mm/kheap.h"

namespace {

constexpr usize kSnapshotSize = 64 * 1024;   // the log ring's size (core/log.cpp)
constexpr usize kRecordMax = 1024;           // linux: PRINTKRB_RECORD_MAX
constexpr int kDefaultWriteLevel = 4;        // linux: default_message_loglevel (warning)
constexpr u64 kPollIntervalNs = 50'000'000;  // blocked readers look for new records this often

struct Record {
    int level;
    u64 ts_usec;
    u32 dup;             // how many earlier records in the snapshot share ts_usec
    const char* text;
    usize len;
};

// Position of a reader: after (ts_usec, dup). started = false: before every record.
struct Position {
    bool started = false;
    u64 ts_usec = 0;
    u32 dup = 0;
    bool before(const Record& r) const {
        return !started || r.ts_usec > ts_usec || (r.ts_usec == ts_usec && r.dup > dup);
    }
};

bool scan_u64(const char*& p, const char* end, u64& out) {
    const char* start = p;
    out = 0;
    while (p < end && *p == ' ') p++;
    while (p < end && *p >= '0' && *p <= '9') out = out * 10 + static_cast<u64>(*p++ - '0');
    return p != start;
}

// Walks the records of a snapshot in order; fn(record) returns false to stop.
template <typename Fn>
void for_each_record(const char* buf, usize n, Fn fn) {
    const char* p = buf;
    const char* end = buf + n;
    if (n == kSnapshotSize) {   // the ring may have wrapped: its first line can be partial
        while (p < end && *p != '\n') p++;
        if (p < end) p++;
    }
    u64 prev_ts = ~u64(0);
    u32 dup = 0;
    while (p < end) {
        const char* eol = p;
        while (eol < end && *eol != '\n') eol++;
        if (eol == end) break;   // incomplete
        Record r{};
        const char* q = p;
        u64 sec = 0, usec = 0;
        if (eol - q >= 3 && q[0] == '<' && q[2] == '>') {
            r.level = q[1] - '0';
            q += 3;
        }
        if (q < eol && *q == '[') {
            q++;
            scan_u64(q, eol, sec);
            if (q < eol && *q == '.') q++;
            scan_u64(q, eol, usec);
            if (q < eol && *q == ']') q++;
            if (q < eol && *q == ' ') q++;
        }
        r.ts_usec = sec * 1'000'000 + usec;
        dup = r.ts_usec == prev_ts ? dup + 1 : 0;
        prev_ts = r.ts_usec;
        r.dup = dup;
        r.text = q;
        r.len = static_cast<usize>(eol - q);
        if (!fn(r)) return;
        p = eol + 1;
    }
}

class KmsgOps final : public FileOps {
public:
    Result<usize> read(File& f, const IoBuffer& buf, u64&) override {
        for (;;) {
            char rec[kRecordMax + 64];
            usize len = 0;
            bool found = false;
            Position next;
            TRY(with_snapshot([&](const char* s, usize n) {
                for_each_record(s, n, [&](const Record& r) {
                    if (!m_pos.before(r)) return true;
                    len = format(rec, sizeof(rec), "%d,%llu,%llu,-;%.*s\n", r.level,
                                 static_cast<unsigned long long>(m_seq), static_cast<unsigned long long>(r.ts_usec),
                                 static_cast<int>(min(r.len, kRecordMax)), r.text);
                    if (len >= sizeof(rec)) len = sizeof(rec) - 1;
                    next = Position{true, r.ts_usec, r.dup};
                    found = true;
                    return false;
                });
            }));
            if (found) {
                if (len > buf.size()) return Error(EINVAL);   // linux: the record does not fit
                TRY(buf.write_at(0, rec, len));
                m_pos = next;
                m_seq++;
                return len;
            }
            if (f.flags() & O_NONBLOCK) return Error(EAGAIN);
            if (tty_internal::signal_pending()) return Error(kTtyErrRestartSys);
            sleep_ns(kPollIntervalNs);
        }
    }

    Result<usize> write(File&, const IoBuffer& buf, u64&) override {
        usize n = buf.size();
        if (n > kRecordMax) return Error(EINVAL);
        char text[kRecordMax];
        TRY(buf.read_at(0, text, n));
        usize start = 0;
        int level = kDefaultWriteLevel;
        if (n >= 3 && text[0] == '<') {   // "<N>": N = facility << 3 | level
            usize i = 1;
            u32 v = 0;
            while (i < n && i < 12 && text[i] >= '0' && text[i] <= '9') v = v * 10 + static_cast<u32>(text[i++] - '0');
            if (i > 1 && i < n && text[i] == '>') {
                level = static_cast<int>(v & 7);
                start = i + 1;
            }
        }
        usize end = n;
        while (end > start && text[end - 1] == '\n') end--;
        for (usize i = start; i < end; i++)
            if (text[i] == '\n') text[i] = ' ';   // the ring is line-based
        klog(static_cast<LogLevel>(level), "%.*s", static_cast<int>(end - start), text + start);
        return n;
    }

    Result<u64> lseek(File&, u64, i64 offset, int whence) override {
        if (offset) return Error(ESPIPE);
        switch (whence) {
        case SEEK_SET:
        case SEEK_DATA:
            m_pos = Position{};
            return 0;
        case SEEK_END: {
            Position last;
            TRY(with_snapshot([&](const char* s, usize n) {
                for_each_record(s, n, [&](const Record& r) {
                    last = Position{true, r.ts_usec, r.dup};
                    return true;
                });
            }));
            m_pos = last;
            return 0;
        }
        }
        return Error(EINVAL);
    }

    u32 poll(File&) override {
        bool any = false;
        auto ok = with_snapshot([&](const char* s, usize n) {
            for_each_record(s, n, [&](const Record& r) {
                any = m_pos.before(r);
                return !any;
            });
        });
        u32 ev = POLLOUT | POLLWRNORM;
        if (ok.is_ok() && any) ev |= POLLIN | POLLRDNORM;
        return ev;
    }

    void release(File&) override {}

private:
    template <typename Fn>
    static Result<void> with_snapshot(Fn fn) {
        char* snap = static_cast<char*>(kmalloc(kSnapshotSize));
        if (!snap) return Error(ENOMEM);
        usize n = log_read_ring(snap, kSnapshotSize);
        fn(snap, n);
        kfree(snap);
        return {};
    }

    Position m_pos;
    u64 m_seq = 0;
};

}  // namespace

Result<void> kmsg_open(File& file, DevId) {
    KmsgOps* ops = new (std::nothrow) KmsgOps();
    if (!ops) return Error(ENOMEM);
    file.set_owned_ops(OwnPtr<KmsgOps>(ops));
    return {};
}
