// SPDX-License-Identifier: MIT
// POSIX message queues (man 7 mq_overview), as Linux's ipc/mqueue.c: what the parts share.
// A queue is named in one namespace (mqueue_names.cpp), opened as a File (mqueue_file.cpp),
// sent to and received from (mqueue_io.cpp), and watched by one process (mqueue_notify.cpp).
// A sleeping sender or receiver is an MqWaiter: the other side hands it a message (or takes its
// message) under the queue lock and wakes it, so blocked senders and receivers go in order and a
// receiver that is already waiting gets the message without it ever being queued.
#pragma once

#include <atomic>

#include "abi/linux/uapi.h"
#include "core/process.h"
#include "core/wait_queue.h"
#include "fs/vfs/file.h"
#include "lib/intrusive_list.h"
#include "sync/mutex.h"

struct MqMessage {
    MqMessage* next;
    u32 prio;
    usize size;
    char data[];
};

struct MqWaiter {
    ListNode node;
    MqMessage* msg = nullptr;   // a sender's message; what a receiver was handed
    bool done = false;          // set by the other side under the queue lock
    WaitQueue wq;
};

class MqQueue : public RefCounted<MqQueue> {
public:
    ~MqQueue();

    // Fixed at creation.
    long maxmsg = 0, msgsize = 0;
    u32 uid = 0, gid = 0, mode = 0;
    u32 charged_uid = 0;     // whose RLIMIT_MSGQUEUE budget holds charged_bytes
    u64 charged_bytes = 0;

    Mutex lock{"mqueue"};
    // Under lock. Messages highest priority first, FIFO within one priority.
    MqMessage* head = nullptr;
    std::atomic<long> curmsgs{0};   // read without the lock by poll
    u64 qsize = 0;                  // bytes of message text (QSIZE)
    IntrusiveList<MqWaiter, &MqWaiter::node> senders, receivers;
    // The registered process (pid 0: none), held by number and identity rather than by a
    // reference, so a queue never frees a Process (its last File may go under a spinlock).
    int notify_pid = 0;
    const Process* notify_proc = nullptr;
    int notify_kind = 0;    // SIGEV_SIGNAL or SIGEV_NONE
    int notify_signo = 0;
    u64 notify_value = 0;

    WaitQueue poll_wq;      // POLLIN when a message is queued, POLLOUT when one is taken

    char name[NAME_MAX + 1] = {};   // under the namespace lock
    bool linked = false;
    u64 ino = 0;                    // its inode number in the mqueue file system
};

// A notification the sender owes after dropping the queue lock.
struct MqPendingNotify {
    RefPtr<Process> target;
    int signo = 0;
    u64 value = 0;
};

// The queue behind an mqueue File, or null (another kind of file).
MqQueue* mqueue_of(const File& f);
// A File for q (takes a reference on q) with open flags.
Result<RefPtr<File>> mqueue_file_create(MqQueue& q, u32 flags);
// The queue open at descriptor fd: EBADF when none or not a queue.
Result<RefPtr<File>> mqueue_fd(int fd);

// Queue lock held: the registered process, unless it has exited (its registration lapsed).
RefPtr<Process> mqueue_notify_owner_locked(MqQueue& q);
// Queue lock held, a message just made the queue non-empty with no receiver waiting: takes the
// registration and returns what to send (linux: __do_notify()).
MqPendingNotify mqueue_take_notify_locked(MqQueue& q);
void mqueue_send_notify(MqPendingNotify& n);

// The namespace, for the mqueue file system (mqueue_names.cpp). A name is valid as
// lookup_one_len() checks it (EACCES for ".", ".." and '/'; ENAMETOOLONG past NAME_MAX).
Result<void> mqueue_check_name(StringView name);
RefPtr<MqQueue> mqueue_lookup(StringView name);
// A new queue with the default attributes (EEXIST, ENOSPC, EINVAL, EMFILE as mq_open).
Result<RefPtr<MqQueue>> mqueue_create(StringView name, u32 mode);
// Removes the name; with creds, only for the owner or root (EPERM: the mqueue root is sticky).
Result<void> mqueue_unlink(StringView name, const Credentials* creds);
// The linked queue in the first slot at or after slot (slot advanced to it), or null at the end.
RefPtr<MqQueue> mqueue_next(usize& slot);
// The FileOps of queue files; a File with them holds a reference in private_data.
FileOps& mqueue_file_ops();
// q's file on the mqueue file system (what fstat of a queue descriptor shows).
Result<RefPtr<Inode>> mqueue_inode(MqQueue& q);
// Boot: registers the "mqueue" file system type.
void mqueue_fs_init();

// Limits of /proc/sys/fs/mqueue (mqueue_names.cpp).
enum class MqLimit { MsgMax, MsgsizeMax, MsgDefault, MsgsizeDefault, QueuesMax };
i64 mqueue_limit(MqLimit l);
Result<void> mqueue_set_limit(MqLimit l, i64 v);

// close(2) of a descriptor by p (linux: mqueue_flush_file()): p's registration goes.
void mqueue_closed(File& f, Process* p);
