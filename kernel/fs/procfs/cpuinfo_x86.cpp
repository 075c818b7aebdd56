// SPDX-License-Identifier: MIT
// /proc/cpuinfo for x86_64, from CPUID, in the layout of Linux 6.1's show_cpuinfo()
// (arch/x86/kernel/cpu/proc.c). The flag names and their order (by capability word and bit)
// follow arch/x86/include/asm/cpufeatures.h for the CPUID words Linux reads directly; of the
// Linux-synthesised words only the flags derivable from CPUID are set. x86-only: this file is
// the one place in procfs that uses arch/x86_64 (a candidate for arch::describe_cpu later).
#include "arch/x86_64/clock.h"
#include "arch/x86_64/cpu.h"
#include "core/percpu.h"
#include "fs/procfs/proc_internal.h"
#include "fs/procfs/proc_show.h"

namespace {

struct FlagWord {
    u32 bits;
    const char* const* names;   // 32 entries; null or "" = not shown
};

// Word 0: CPUID 1 EDX.
constexpr const char* kW0[32] = {"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", nullptr,
                                 "sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", nullptr,
                                 "dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe"};
// Word 1: CPUID 0x80000001 EDX (the bits duplicating word 0 are not named).
constexpr const char* kW1[32] = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,  nullptr, nullptr,
                                 nullptr, nullptr, nullptr, "syscall", nullptr, nullptr, nullptr, nullptr,
                                 nullptr, nullptr, nullptr, "mp", "nx", nullptr, "mmxext", nullptr,
                                 nullptr, "fxsr_opt", "pdpe1gb", "rdtscp", nullptr, "lm", "3dnowext", "3dnow"};
// Word 3: Linux-defined (only the ones set below).
constexpr const char* kW3[32] = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                 "constant_tsc", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                 "rep_good", nullptr, nullptr, nullptr, "nopl", nullptr, nullptr, nullptr,
                                 "nonstop_tsc", "cpuid", "extd_apicid", nullptr, "aperfmperf", nullptr, nullptr,
                                 nullptr};
// Word 4: CPUID 1 ECX.
constexpr const char* kW4[32] = {"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est",
                                 "tm2", "ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm",
                                 nullptr, "pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt",
                                 "tsc_deadline_timer", "aes", "xsave", nullptr, "avx", "f16c", "rdrand",
                                 "hypervisor"};
// Word 6: CPUID 0x80000001 ECX.
constexpr const char* kW6[32] = {"lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm", "sse4a",
                                 "misalignsse", "3dnowprefetch", "osvw", "ibs", "xop", "skinit", "wdt", nullptr,
                                 "lwp", "fma4", "tce", nullptr, "nodeid_msr", nullptr, "tbm", "topoext",
                                 "perfctr_core", "perfctr_nb", nullptr, "bpext", "ptsc", "perfctr_llc", "mwaitx",
                                 nullptr, nullptr};
// Word 8: virtualization (Linux-set): vmmcall on AMD.
constexpr const char* kW8[32] = {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                 nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, "vmmcall"};
// Word 9: CPUID 7.0 EBX.
constexpr const char* kW9[32] = {"fsgsbase", "tsc_adjust", "sgx", "bmi1", "hle", "avx2", nullptr, "smep",
                                 "bmi2", "erms", "invpcid", "rtm", "cqm", nullptr, "mpx", "rdt_a",
                                 "avx512f", "avx512dq", "rdseed", "adx", "smap", "avx512ifma", nullptr,
                                 "clflushopt", "clwb", "intel_pt", "avx512pf", "avx512er", "avx512cd", "sha_ni",
                                 "avx512bw", "avx512vl"};
// Word 10: CPUID 0xD.1 EAX.
constexpr const char* kW10[32] = {"xsaveopt", "xsavec", "xgetbv1", "xsaves"};
// Word 12: CPUID 7.1 EAX.
constexpr const char* kW12[32] = {nullptr, nullptr, nullptr, nullptr, "avx_vnni", "avx512_bf16"};
// Word 13: CPUID 0x80000008 EBX.
constexpr const char* kW13[32] = {"clzero", "irperf", "xsaveerptr", nullptr, "rdpru", nullptr, nullptr, nullptr,
                                  nullptr, "wbnoinvd"};
// Word 14: CPUID 6 EAX.
constexpr const char* kW14[32] = {"dtherm", "ida", "arat", nullptr, "pln", nullptr, "pts", "hwp",
                                  "hwp_notify", "hwp_act_window", "hwp_epp", "hwp_pkg_req"};
// Word 15: CPUID 0x8000000A EDX (AMD SVM).
constexpr const char* kW15[32] = {"npt", "lbrv", "svm_lock", "nrip_save", "tsc_scale", "vmcb_clean",
                                  "flushbyasid", "decodeassists", nullptr, nullptr, "pausefilter", nullptr,
                                  "pfthreshold", "avic", nullptr, "v_vmsave_vmload", "vgif"};
// Word 16: CPUID 7.0 ECX.
constexpr const char* kW16[32] = {nullptr, "avx512vbmi", "umip", "pku", "ospke", "waitpkg", "avx512_vbmi2",
                                  nullptr, "gfni", "vaes", "vpclmulqdq", "avx512_vnni", "avx512_bitalg", "tme",
                                  "avx512_vpopcntdq", nullptr, "la57", nullptr, nullptr, nullptr, nullptr, nullptr,
                                  "rdpid", nullptr, "bus_lock_detect", "cldemote", nullptr, "movdiri",
                                  "movdir64b", "enqcmd", "sgx_lc"};
// Word 17: CPUID 0x80000007 EBX.
constexpr const char* kW17[32] = {"overflow_recov", "succor", nullptr, "smca"};
// Word 18: CPUID 7.0 EDX.
constexpr const char* kW18[32] = {nullptr, nullptr, "avx512_4vnniw", "avx512_4fmaps", "fsrm", nullptr, nullptr,
                                  nullptr, "avx512_vp2intersect", nullptr, "md_clear", nullptr, nullptr, nullptr,
                                  "serialize", nullptr, "tsxldtrk", nullptr, "pconfig", "arch_lbr", "ibt",
                                  nullptr, "amx_bf16", "avx512_fp16", "amx_tile", "amx_int8", nullptr, nullptr,
                                  "flush_l1d", "arch_capabilities"};

constexpr const char* kPowerFlags[] = {"ts", "fid", "vid", "ttp", "tm", "stc", "100mhzsteps", "hwpstate", "",
                                       "cpb", "eff_freq_ro", "proc_feedback", "acc_power"};

struct CpuId {
    char vendor[13] = {};
    char model_name[49] = {};
    u32 max_leaf = 0, max_ext = 0;
    unsigned family = 0, model = 0, stepping = 0;
    bool amd = false, intel = false;
    FlagWord words[20] = {};
    u32 cache_kb = 0, tlb_size = 0, clflush = 0, phys_bits = 36, virt_bits = 48, power = 0;
};

u32 leaf_or_zero(const CpuId& c, u32 leaf, u32 sub, int reg) {
    bool ext = leaf >= 0x80000000;
    if ((!ext && leaf > c.max_leaf) || (ext && leaf > c.max_ext)) return 0;
    auto r = x86::cpuid(leaf, sub);
    return reg == 0 ? r.eax : reg == 1 ? r.ebx : reg == 2 ? r.ecx : r.edx;
}

void set_word(CpuId& c, int w, u32 bits, const char* const* names) { c.words[w] = FlagWord{bits, names}; }

u32 intel_cache_kb(const CpuId& c) {
    u32 l2 = 0, l3 = 0;
    for (u32 i = 0; i < 16 && c.max_leaf >= 4; i++) {
        auto r = x86::cpuid(4, i);
        u32 type = r.eax & 0x1f;
        if (!type) break;
        u32 level = (r.eax >> 5) & 7;
        u64 size = u64((r.ebx >> 22) + 1) * (((r.ebx >> 12) & 0x3ff) + 1) * ((r.ebx & 0xfff) + 1) * (r.ecx + 1);
        if (level == 2) l2 = static_cast<u32>(size / 1024);
        if (level == 3) l3 = static_cast<u32>(size / 1024);
    }
    return l3 ? l3 : l2;
}

void probe(CpuId& c) {
    auto r0 = x86::cpuid(0);
    c.max_leaf = r0.eax;
    __builtin_memcpy(c.vendor, &r0.ebx, 4);
    __builtin_memcpy(c.vendor + 4, &r0.edx, 4);
    __builtin_memcpy(c.vendor + 8, &r0.ecx, 4);
    c.amd = StringView(c.vendor) == StringView("AuthenticAMD") || StringView(c.vendor) == StringView("HygonGenuine");
    c.intel = StringView(c.vendor) == StringView("GenuineIntel");
    c.max_ext = x86::cpuid(0x80000000).eax;
    if (c.max_ext < 0x80000000) c.max_ext = 0;
    auto r1 = x86::cpuid(1);
    c.family = (r1.eax >> 8) & 0xf;
    if (c.family == 0xf) c.family += (r1.eax >> 20) & 0xff;
    c.model = (r1.eax >> 4) & 0xf;
    if (c.family >= 6) c.model += ((r1.eax >> 16) & 0xf) << 4;
    c.stepping = r1.eax & 0xf;
    c.clflush = ((r1.ebx >> 8) & 0xff) * 8;
    if (c.max_ext >= 0x80000004) {
        for (u32 l = 0; l < 3; l++) {
            auto r = x86::cpuid(0x80000002 + l);
            u32 regs[4] = {r.eax, r.ebx, r.ecx, r.edx};
            __builtin_memcpy(c.model_name + l * 16, regs, sizeof(regs));
        }
    }
    u32 e1c = leaf_or_zero(c, 0x80000001, 0, 2), e1d = leaf_or_zero(c, 0x80000001, 0, 3);
    u32 e7b = leaf_or_zero(c, 0x80000007, 0, 1);
    c.power = leaf_or_zero(c, 0x80000007, 0, 3);
    u32 w3 = (1u << 20) | (1u << 25);   // nopl, cpuid
    if (c.power & (1u << 8)) w3 |= (1u << 8) | (1u << 24);   // invariant TSC: constant_tsc, nonstop_tsc
    if ((c.amd && c.family >= 0xf) || (c.intel && c.family == 6)) w3 |= 1u << 16;   // rep_good
    if (c.amd && c.family >= 0xf && (r1.edx & (1u << 9))) w3 |= 1u << 26;           // extd_apicid
    if (leaf_or_zero(c, 6, 0, 2) & 1) w3 |= 1u << 28;                               // aperfmperf
    set_word(c, 0, r1.edx, kW0);
    set_word(c, 1, e1d, kW1);
    set_word(c, 3, w3, kW3);
    set_word(c, 4, r1.ecx, kW4);
    set_word(c, 6, e1c, kW6);
    set_word(c, 8, c.amd ? 1u << 15 : 0, kW8);
    set_word(c, 9, leaf_or_zero(c, 7, 0, 1), kW9);
    set_word(c, 10, leaf_or_zero(c, 0xd, 1, 0), kW10);
    set_word(c, 12, leaf_or_zero(c, 7, 1, 0), kW12);
    set_word(c, 13, leaf_or_zero(c, 0x80000008, 0, 1), kW13);
    set_word(c, 14, leaf_or_zero(c, 6, 0, 0), kW14);
    set_word(c, 15, (e1c & (1u << 2)) ? leaf_or_zero(c, 0x8000000a, 0, 3) : 0, kW15);
    set_word(c, 16, leaf_or_zero(c, 7, 0, 2), kW16);
    set_word(c, 17, e7b, kW17);
    set_word(c, 18, leaf_or_zero(c, 7, 0, 3), kW18);
    // linux: cpu_detect_cache_sizes(): L2 from 0x80000006 (Intel then prefers CPUID 4's L3),
    // and on 64-bit the L2 TLB entries as "TLB size".
    if (c.max_ext >= 0x80000006) {
        auto r = x86::cpuid(0x80000006);
        c.cache_kb = r.ecx >> 16;
        c.tlb_size = ((r.ebx >> 16) & 0xfff) + (r.ebx & 0xfff);
    }
    if (c.intel) {
        if (u32 kb = intel_cache_kb(c)) c.cache_kb = kb;
    }
    if (c.max_ext >= 0x80000008) {
        u32 a = x86::cpuid(0x80000008).eax;
        c.phys_bits = a & 0xff;
        c.virt_bits = (a >> 8) & 0xff;
    }
}

// The model name with surrounding blanks removed (linux: get_model_name()).
StringView trimmed(const char* s) {
    StringView v(s);
    usize b = 0, e = v.length();
    while (b < e && v[b] == ' ') b++;
    while (e > b && v[e - 1] == ' ') e--;
    return v.substr(b, e - b);
}

// CPUID answers the same on every CPU (apart from the APIC id, taken from the per-CPU data), so
// the boot CPU's are read once, by proc_cpuinfo_init().
constinit CpuId g_cpu;

}  // namespace

void proc_cpuinfo_init() { probe(g_cpu); }

bool proc_cpu_ssb_not_affected() {
    const CpuId& c = g_cpu;
    // linux: cpu_vuln_whitelist (NO_SSB for old AMD families) and AMD's SSB_NO bit.
    if (c.amd && c.family >= 0xf && c.family <= 0x12) return true;
    return c.amd && (leaf_or_zero(c, 0x80000008, 0, 1) & (1u << 26));
}

PROC_SHOW(proc_show_cpuinfo) {
    const CpuId& c = g_cpu;
    u64 khz = tsc_hz() / 1000;
    unsigned cpus = cpu_count();
    StringView name = trimmed(c.model_name);
    for (unsigned i = 0; i < cpus; i++) {
        PerCpu* pc = cpu_by_index(i);
        u32 apic = pc ? pc->apic_id : i;
        out.appendf("processor\t: %u\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\nmodel name\t: ", i, c.vendor,
                    c.family, c.model);
        if (name.empty()) out.append("unknown");
        else out.append(name);
        out.appendf("\nstepping\t: %u\nmicrocode\t: 0x0\n", c.stepping);
        out.appendf("cpu MHz\t\t: %llu.%03llu\n", static_cast<unsigned long long>(khz / 1000),
                    static_cast<unsigned long long>(khz % 1000));
        if (c.cache_kb) out.appendf("cache size\t: %u KB\n", c.cache_kb);
        out.appendf("physical id\t: 0\nsiblings\t: %u\ncore id\t\t: %u\ncpu cores\t: %u\n", cpus, i, cpus);
        out.appendf("apicid\t\t: %u\ninitial apicid\t: %u\n", apic, apic);
        out.appendf("fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\nflags\t\t:", c.max_leaf);
        for (const FlagWord& w : c.words) {
            if (!w.names) continue;
            for (int b = 0; b < 32; b++)
                if ((w.bits & (1u << b)) && w.names[b] && w.names[b][0]) out.appendf(" %s", w.names[b]);
        }
        out.append("\nbugs\t\t: spectre_v1 spectre_v2");
        if (!proc_cpu_ssb_not_affected()) out.append(" spec_store_bypass");
        out.appendf("\nbogomips\t: %llu.%02llu\n", static_cast<unsigned long long>(khz / 500),
                    static_cast<unsigned long long>(khz / 5 % 100));
        if (c.tlb_size) out.appendf("TLB size\t: %u 4K pages\n", c.tlb_size);
        out.appendf("clflush size\t: %u\ncache_alignment\t: %u\n", c.clflush, c.clflush);
        out.appendf("address sizes\t: %u bits physical, %u bits virtual\n", c.phys_bits, c.virt_bits);
        out.append("power management:");
        for (unsigned b = 0; b < 32; b++) {
            if (!(c.power & (1u << b))) continue;
            if (b < sizeof(kPowerFlags) / sizeof(kPowerFlags[0])) {
                if (kPowerFlags[b][0]) out.appendf(" %s", kPowerFlags[b]);
            } else {
                out.appendf(" [%u]", b);
            }
        }
        out.append("\n\n");
    }
    return out.status();
}
