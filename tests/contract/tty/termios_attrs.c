// SPDX-License-Identifier: MIT
// tcgetattr/tcsetattr on a pty: default flags, cfmakeraw, speed, TCSANOW/TCSAFLUSH, ENOTTY on non-ttys.
#include "contract.h"
#include <termios.h>
#include <sys/ioctl.h>

static int open_pty(int *s)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    grantpt(m);
    unlockpt(m);
    *s = open(ptsname(m), O_RDWR | O_NOCTTY);
    return m;
}

int main(void)
{
    int s, m = open_pty(&s);
    struct termios t;
    RET(tcgetattr(s, &t));
    say("icanon=%d echo=%d isig=%d icrnl=%d opost=%d onlcr=%d cs8=%d\n", !!(t.c_lflag & ICANON), !!(t.c_lflag & ECHO),
        !!(t.c_lflag & ISIG), !!(t.c_iflag & ICRNL), !!(t.c_oflag & OPOST), !!(t.c_oflag & ONLCR), (t.c_cflag & CSIZE) == CS8);
    say("VINTR=%d VEOF=%d VERASE=%d VKILL=%d VMIN=%d VTIME=%d\n", t.c_cc[VINTR], t.c_cc[VEOF], t.c_cc[VERASE], t.c_cc[VKILL], t.c_cc[VMIN], t.c_cc[VTIME]);
    say("speed: %d\n", (int)cfgetospeed(&t) == B38400);
    cfmakeraw(&t);
    RET(tcsetattr(s, TCSANOW, &t));
    struct termios u;
    tcgetattr(m, &u);
    say("raw via master: icanon=%d echo=%d opost=%d\n", !!(u.c_lflag & ICANON), !!(u.c_lflag & ECHO), !!(u.c_oflag & OPOST));
    cfsetospeed(&t, B9600);
    RET(tcsetattr(s, TCSAFLUSH, &t));
    tcgetattr(s, &u);
    say("speed now 9600: %d\n", cfgetospeed(&u) == B9600);
    RET(tcsetattr(s, 99, &t));
    int p[2];
    pipe(p);
    RET(tcgetattr(p[0], &t));
    RET(tcgetattr(99, &t));
    RET(tcflush(s, TCIOFLUSH));
    RET(tcflush(s, 99));
    RET(tcdrain(s));
    RET(tcsendbreak(s, 0));
    return 0;
}
