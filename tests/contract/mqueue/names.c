// SPDX-License-Identifier: MIT
// mq_open/mq_unlink names: the syscall takes the name without a leading '/'; "", '/', ".",
// "..", NAME_MAX and PATH_MAX; O_CREAT/O_EXCL, bad access mode, EFAULT; close-on-exec; the libc
// wrapper with its leading '/'.
#include "contract.h"
#include "mq_sys.h"
#include <mqueue.h>

int main(void)
{
    char name[5000];
    kmq_unlink("ct_names");
    RET(kmq_open("", O_RDWR | O_CREAT, 0600, NULL));
    RET(kmq_open("/ct_names", O_RDWR | O_CREAT, 0600, NULL));
    RET(kmq_open("a/b", O_RDWR | O_CREAT, 0600, NULL));
    RET(kmq_open(".", O_RDWR | O_CREAT, 0600, NULL));
    RET(kmq_open("..", O_RDWR | O_CREAT, 0600, NULL));
    RET(kmq_open(NULL, O_RDWR | O_CREAT, 0600, NULL));
    RET(kmq_open((const char *)1, O_RDWR | O_CREAT, 0600, NULL));
    RET(kmq_open("ct_names", O_RDWR, 0600, NULL));
    RET(kmq_unlink("ct_names"));
    RET(kmq_unlink(""));
    RET(kmq_unlink("a/b"));
    RET(kmq_unlink(NULL));

    memset(name, 'n', 255);
    name[255] = 0;
    long fd = OK(kmq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, NULL));
    close(fd);
    RET(kmq_unlink(name));
    name[255] = 'n';
    name[256] = 0;
    RET(kmq_open(name, O_RDWR | O_CREAT, 0600, NULL));
    RET(kmq_unlink(name));
    name[100] = '/';
    RET(kmq_open(name, O_RDWR | O_CREAT, 0600, NULL));
    memset(name, 'n', 4200);
    name[4200] = 0;
    RET(kmq_open(name, O_RDWR | O_CREAT, 0600, NULL));
    name[4095] = 0;
    RET(kmq_open(name, O_RDWR | O_CREAT, 0600, NULL));

    fd = OK(kmq_open("ct_names", O_RDWR | O_CREAT | O_EXCL, 0600, NULL));
    RET(kmq_open("ct_names", O_RDWR | O_CREAT | O_EXCL, 0600, NULL));
    long fd2 = OK(kmq_open("ct_names", O_RDWR | O_CREAT, 0600, NULL));
    RET(kmq_open("ct_names", O_RDWR | O_WRONLY, 0600, NULL));
    RET(kmq_open("ct_names", O_RDWR | O_WRONLY | O_CREAT, 0600, NULL));
    FACT("cloexec without O_CLOEXEC", fcntl(fd, F_GETFD) & FD_CLOEXEC);
    long fd3 = OK(kmq_open("ct_names", O_RDONLY | O_CLOEXEC, 0, NULL));
    FACT("cloexec with O_CLOEXEC", fcntl(fd3, F_GETFD) & FD_CLOEXEC);
    FACT("distinct fds", fd != fd2 && fd2 != fd3);
    FACT("O_RDONLY access", (fcntl(fd3, F_GETFL) & O_ACCMODE) == O_RDONLY);
    close(fd3);
    close(fd2);
    close(fd);
    RET(kmq_unlink("ct_names"));
    RET(kmq_unlink("ct_names"));

    // The libc wrapper takes "/name" and passes "name".
    mqd_t q = mq_open("/ct_names_libc", O_RDWR | O_CREAT | O_EXCL, 0600, NULL);
    FACT("libc mq_open", q != (mqd_t)-1);
    RET(kmq_open("ct_names_libc", O_RDONLY, 0, NULL) >= 0);
    RET(mq_close(q));
    RET(mq_unlink("/ct_names_libc"));
    RET(kmq_unlink("ct_names_libc"));
    return 0;
}
