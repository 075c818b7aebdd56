// SPDX-License-Identifier: MIT
// /proc/sys/fs/mqueue (linux: ipc/mq_sysctl.c): the limits of mq_open, writable by root.
// msg_max and msg_default take 1..65536, msgsize_max and msgsize_default 128..16 MiB
// (proc_dointvec_minmax), queues_max any int.
#include "fs/procfs/proc_show.h"
#include "ipc/mqueue.h"

namespace {

constexpr u32 kRw = S_IFREG | 0644;

template <MqLimit L>
PROC_SHOW(show_limit) {
    out.put_sdec("", mqueue_limit(L));
    out.putc('\n');
    return out.status();
}

template <MqLimit L>
PROC_WRITE(write_limit) {
    return mqueue_set_limit(L, TRY(proc_parse_long(data)));
}

}  // namespace

#define MQ_KNOB(name, l) {name, kRw, ProcKind::File, show_limit<l>, write_limit<l>, nullptr, 0, kProcSysctl}

constinit const ProcEntry kProcMqueueEntries[kProcMqueueCount] = {
    MQ_KNOB("msg_default", MqLimit::MsgDefault),
    MQ_KNOB("msg_max", MqLimit::MsgMax),
    MQ_KNOB("msgsize_default", MqLimit::MsgsizeDefault),
    MQ_KNOB("msgsize_max", MqLimit::MsgsizeMax),
    MQ_KNOB("queues_max", MqLimit::QueuesMax),
};
