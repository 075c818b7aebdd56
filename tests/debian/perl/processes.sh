# SPDX-License-Identifier: MIT
# perl-base and processes: fork/wait with exit statuses, pipe(), piped opens in both directions, system
# and backticks, signal handlers and kill, alarm, waitpid with WNOHANG, exec, and file I/O with seek.
set -e
perl -e '
  use POSIX ":sys_wait_h";
  my @kids;
  for my $n (1 .. 4) {
    my $pid = fork() // die "fork: $!";
    if ($pid == 0) { exit($n * 10) }
    push @kids, $pid;
  }
  my %status;
  for my $pid (@kids) { waitpid($pid, 0) == $pid or die; $status{$pid} = $? >> 8 }
  print "exit codes: ", join(" ", map { $status{$_} } @kids), "\n";
  print "no children left: ", (wait() == -1 ? "yes" : "no"), "\n";

  pipe(my $r, my $w) or die;
  my $pid = fork();
  if ($pid == 0) { close $r; print $w "line $_ from the child\n" for 1 .. 3; close $w; exit 0 }
  close $w; my @got = <$r>; close $r; waitpid($pid, 0);
  print "pipe: ", scalar(@got), " lines, last: $got[-1]";

  pipe(my $r2, my $w2) or die;
  $pid = fork();
  if ($pid == 0) { close $w2; my $sum = 0; $sum += $_ while <$r2>; exit($sum % 256) }
  close $r2; print $w2 "$_\n" for 1 .. 100; close $w2; waitpid($pid, 0);
  print "child summed to ", $? >> 8, " (5050 % 256)\n";

  $pid = fork();
  if ($pid == 0) { kill "KILL", $$; sleep 10; exit 0 }
  waitpid($pid, 0);
  print "killed child: signaled ", (WIFSIGNALED($?) ? 1 : 0), " signal ", WTERMSIG($?), "\n";

  $pid = fork();
  if ($pid == 0) { sleep 30; exit 0 }
  print "WNOHANG while running: ", waitpid($pid, WNOHANG), "\n";
  kill "TERM", $pid; waitpid($pid, 0); print "terminated: ", $? & 127, "\n";
'
perl -e '
  open(my $in, "-|", "seq", "1", "5") or die; my @l = <$in>; close $in;
  print "from seq: ", scalar(@l), " lines, status $?\n";
  open(my $out, "|-", "tr a-z A-Z") or die; print $out "piped to tr\n"; close $out;
  open(my $f, "-|", "sh", "-c", "echo out; exit 3") or die; my $x = <$f>; close $f;
  print "sh said $x", "close status ", $? >> 8, "\n";
  my $st = system("sh", "-c", "exit 7"); print "system: ", $st >> 8, "\n";
  my $txt = `printf "%s\\n" backtick`; print "backticks: $txt", "status $?\n";
  print "missing program: ", (system("/nonexistent/prog") == -1 ? "-1 ($!)" : "ran"), "\n";
'
perl -e '
  my $usr1 = 0;
  $SIG{USR1} = sub { $usr1++ };
  kill "USR1", $$ for 1 .. 3;
  print "USR1 handled $usr1 times\n";
  local $SIG{ALRM} = sub { die "alarm\n" };
  my $r = eval { alarm 1; select(undef, undef, undef, 5); alarm 0; "no alarm" } // $@;
  print "select interrupted by: $r";
  $SIG{TERM} = "IGNORE";
  my $pid = fork();
  if ($pid == 0) { exec "sh", "-c", "kill -TERM \$\$; echo TERM ignored across exec" }
  waitpid($pid, 0); print "child status $?\n";
  $SIG{CHLD} = sub { };
  $pid = fork(); if ($pid == 0) { exit 2 } 1 while waitpid($pid, 0) != $pid;
  print "reaped with a CHLD handler: ", $? >> 8, "\n";
'
perl -e '
  open(my $fh, "+>", "data.bin") or die;
  binmode $fh; print $fh pack("N*", 1 .. 1000); 
  seek($fh, 4 * 499, 0); read($fh, my $buf, 8); print "at 499: ", join(",", unpack("N2", $buf)), "\n";
  print "size ", -s "data.bin", " tell ", tell($fh), "\n"; close $fh;
  opendir(my $d, ".") or die; my @e = sort grep { !/^\./ } readdir $d; print "dir: @e\n";
  rename "data.bin", "moved.bin" or die; print "renamed: ", (-e "moved.bin" ? 1 : 0), (-e "data.bin" ? 1 : 0), "\n";
  mkdir "sub" or die; symlink "moved.bin", "sub/l" or die; print "readlink ", readlink("sub/l"), "\n";
  unlink "sub/l", "moved.bin"; rmdir "sub"; print "cleaned: ", (-e "sub" ? "no" : "yes"), "\n";
  print "errno for missing: ", (open(my $no, "<", "/nonexistent") ? "opened" : $!), "\n";
'
