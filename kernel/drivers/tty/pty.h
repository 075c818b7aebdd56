// SPDX-License-Identifier: MIT
// Unix 98 pseudo-terminals: opening /dev/ptmx (5:2) or devpts's ptmx allocates pair N, whose
// slave is /dev/pts/N (136:N): a Tty with the N_TTY line discipline whose "hardware" is the
// master. The master reads what the slave's output processing produces and writes into the
// slave's input; the ioctls TIOCGPTN, TIOCSPTLCK/TIOCGPTLCK, TIOCGPTPEER, TIOCPKT/TIOCGPKT,
// TIOCSIG are the master's, termios, window size and job-control ioctls reach the slave.
// Closing the master hangs the slave up (SIGHUP to its session leader, reads 0, writes and
// ioctls EIO); closing the last slave descriptor makes master reads EIO once the queue is read.
// linux: drivers/tty/pty.c, tty_io.c (ptmx_open, ptm_open_peer).
#pragma once

// Boot (from tty_init): devpts, /dev/ptmx and the slave device range.
void pty_init();
