// SPDX-License-Identifier: MIT
// The memory character devices of major 1 (linux: drivers/char/mem.c): null (3), zero (5),
// full (7), random (8) and urandom (9). None of them block; random and urandom draw from the
// kernel CSPRNG (core/random.cpp), which never runs dry once seeded, as Linux since 5.6.
#include "drivers/tty/tty_devices.h"
#include "abi/linux/uapi.h"
#include "core/log.h"
#include "core/random.h"
#include "fs/devfs/chardev.h"
#include "fs/devfs/devtmpfs.h"

void mem_devices_init();

namespace {

// null_lseek(): the position always reads back as 0.
class MemOpsBase : public FileOps {
public:
    constexpr MemOpsBase() = default;
    Result<u64> lseek(File&, u64, i64, int) override { return u64(0); }
    bool positional() const override { return true; }
};

class NullOps final : public MemOpsBase {
public:
    constexpr NullOps() = default;
    Result<usize> read(File&, const IoBuffer&, u64&) override { return usize(0); }
    Result<usize> write(File&, const IoBuffer& buf, u64&) override { return buf.size(); }
};

class ZeroOps final : public MemOpsBase {
public:
    constexpr ZeroOps() = default;
    Result<usize> read(File&, const IoBuffer& buf, u64&) override {
        TRY(buf.fill_at(0, 0, buf.size()));
        return buf.size();
    }
    Result<usize> write(File&, const IoBuffer& buf, u64&) override { return buf.size(); }
};

class FullOps final : public MemOpsBase {
public:
    constexpr FullOps() = default;
    Result<usize> read(File&, const IoBuffer& buf, u64&) override {
        TRY(buf.fill_at(0, 0, buf.size()));
        return buf.size();
    }
    Result<usize> write(File&, const IoBuffer&, u64&) override { return Error(ENOSPC); }
};

class RandomOps final : public FileOps {
public:
    constexpr RandomOps() = default;
    Result<usize> read(File&, const IoBuffer& buf, u64&) override {
        u8 chunk[256];
        usize done = 0;
        while (done < buf.size()) {
            usize n = min(buf.size() - done, sizeof(chunk));
            random_bytes(chunk, n);
            auto r = buf.write_at(done, chunk, n);
            if (r.is_error()) {
                if (done) break;
                return r.error();
            }
            done += n;
        }
        __builtin_memset(chunk, 0, sizeof(chunk));
        return done;
    }
    // Writes are accepted (Linux mixes them into the pool; Aramid's generator reseeds from the
    // CPU, so user input adds nothing it needs).
    Result<usize> write(File&, const IoBuffer& buf, u64&) override { return buf.size(); }
    // linux: noop_llseek(): the position stays where it is.
    Result<u64> lseek(File&, u64 current, i64, int) override { return current; }
    bool positional() const override { return true; }
};

constinit NullOps g_null;
constinit ZeroOps g_zero;
constinit FullOps g_full;
constinit RandomOps g_random;

Result<void> mem_open(File& file, DevId dev) {
    switch (dev_minor(dev)) {
    case 3:
        file.set_ops(g_null);
        return {};
    case 5:
        file.set_ops(g_zero);
        return {};
    case 7:
        file.set_ops(g_full);
        return {};
    case 8:
    case 9:
        file.set_ops(g_random);
        return {};
    case 11:
        return kmsg_open(file, dev);   // Linux's mem.c owns /dev/kmsg too; the log driver serves it
    default:
        return Error(ENXIO);
    }
}

}  // namespace

void mem_devices_init() {
    struct Node {
        u32 minor;
        const char* name;
    };
    static constexpr Node kNodes[] = {{3, "null"}, {5, "zero"}, {7, "full"}, {8, "random"}, {9, "urandom"}};
    MUST(chardev_register(MEM_MAJOR, 1, 15, "mem", mem_open));
    for (const Node& n : kNodes) {
        auto r = devtmpfs_add_node(n.name, 0666, make_dev(MEM_MAJOR, n.minor));
        if (r.is_error()) log_err("devfs: cannot create /dev/%s: errno %d", n.name, r.error_code());
    }
    if (auto r = devtmpfs_add_node("kmsg", 0644, make_dev(MEM_MAJOR, 11)); r.is_error())
        log_err("devfs: cannot create /dev/kmsg: errno %d", r.error_code());
    if (!random_has_hw_source()) log_warn("random: no RDSEED/RDRAND: seeded from timing jitter only");
}
