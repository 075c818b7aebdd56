# SPDX-License-Identifier: MIT
# perl-base with `perl -e`: hashes, regexes (captures, named groups, /g, /e, tr), sprintf formats,
# pack/unpack, sorting, closures, local, wantarray, string and list operators, POSIX and List::Util.
set -e
perl -e '
  my %age = (alice => 31, bob => 27, carol => 45, dave => 27);
  for my $k (sort { $age{$a} <=> $age{$b} || $a cmp $b } keys %age) { printf "%-6s %3d\n", $k, $age{$k} }
  my %by; push @{ $by{$age{$_}} }, $_ for sort keys %age;
  print join("; ", map { "$_: @{$by{$_}}" } sort { $a <=> $b } keys %by), "\n";
  delete $age{bob}; print "exists bob: ", (exists $age{bob} ? 1 : 0), ", count ", scalar(keys %age), "\n";
  my %inv = reverse %age; print "45 is $inv{45}\n";
  my @nested = ([1, 2], { k => [3, 4] }); print "nested $nested[1]{k}[1] $#{$nested[0]}\n";
'
perl -e '
  my $log = "2024-03-05 ERROR disk=sda1 used=93%\n2024-03-06 INFO disk=sdb2 used=41%\n2024-03-07 ERROR disk=sdc3 used=99%\n";
  while ($log =~ /^(?<date>\S+) ERROR disk=(?<disk>\w+) used=(\d+)%$/mg) { print "$+{date} $+{disk} $3\n" }
  my @all = $log =~ /used=(\d+)/g; print "all: @all\n";
  (my $s = "a1b22c333") =~ s/(\d+)/<@{[length $1]}>/g; print "$s\n";
  (my $e = "3 + 4 and 10 * 2") =~ s/(\d+) ([+*]) (\d+)/$2 eq "+" ? $1 + $3 : $1 * $3/ge; print "$e\n";
  (my $t = "Hello World") =~ tr/a-zA-Z/n-za-mN-ZA-M/; print "$t\n";
  my $count = ($log =~ tr/\n//); print "lines $count\n";
  print join("|", split /\s*,\s*/, "a , b,c ,d"), "\n";
  print "case-insensitive\n" if "PERL" =~ /^perl$/i;
  my $re = qr/(\w)\1/; print join(",", grep { $_ =~ $re } qw(book cat moon dog)), "\n";
  $_ = "x=1, y=22, z=333"; my %kv = /(\w)=(\d+)/g; print join(" ", map {"$_$kv{$_}"} sort keys %kv), "\n";
'
perl -e '
  printf "%5.2f|%-8s|%08.3f|%x|%X|%o|%b|%e|%g|%s\n", 3.14159, "left", -2.5, 255, 48879, 8, 10, 12345.678, 0.0001234, "end";
  printf "%3\$s %1\$s %2\$s\n", "a", "b", "c";
  printf "%*d|%-*d|%.*f\n", 6, 42, 4, 7, 2, 2.71828;
  print sprintf("%v02x", "1.22.333"), " ", sprintf("%%"), " ", sprintf("%c%c", 80, 76), "\n";
  my $bin = pack("NnC a4 Z*", 0xdeadbeef, 513, 7, "abcd", "zstr");
  print length($bin), " ", unpack("H*", $bin), "\n";
  my ($n, $s, $c, $a4, $z) = unpack("NnC a4 Z*", $bin); printf "%x %d %d %s %s\n", $n, $s, $c, $a4, $z;
  print join(",", unpack("(A2)*", "aabbccd")), "\n";
  print "int ", int(-7 / 2), " mod ", -7 % 3, " pow ", 2 ** 32, " big ", 9007199254740993, "\n";
  print "str ", "ab" x 3, " ", join("-", ("x") x 3), " ", lc("MiXeD"), uc("mixed"), ucfirst("word"), "\n";
  print "num ", 10 / 4, " ", 1e21, " ", 0.1 + 0.2, " ", 1 / 7, "\n";
'
perl -e '
  use strict; use warnings;
  use List::Util qw(sum max min first reduce shuffle);
  use POSIX qw(floor ceil fmod strftime INT_MAX);
  my @n = map { $_ * $_ } 1 .. 10;
  print "sum ", sum(@n), " max ", max(@n), " min ", min(@n), " first>40 ", (first { $_ > 40 } @n), "\n";
  print "reduce ", (reduce { $a * $b } 1 .. 10), "\n";
  print "floor ", floor(-2.5), " ceil ", ceil(-2.5), " fmod ", fmod(10, 3), "\n";
  print strftime("%Y-%m-%d %H:%M:%S %a", gmtime(1234567890)), "\n";
  my @counters = map { my $i = $_ * 10; sub { return $i++ } } 1 .. 3;
  $counters[0]->() for 1 .. 4; print "closures ", join(" ", map { $_->() } @counters), "\n";
  our $g = "global"; sub show { return $g } sub wrap { local $g = "local"; return show() }
  print wrap(), " ", show(), "\n";
  sub ctx { return wantarray ? "list" : "scalar" } my @l = ctx(); my $s = ctx(); print "$l[0] $s\n";
  my @sorted = sort { $a->[1] <=> $b->[1] or $a->[0] cmp $b->[0] } map { [$_, length] } qw(pear fig apple kiwi banana);
  print join(" ", map { $_->[0] } @sorted), "\n";
  my @uniq = do { my %s; grep { !$s{$_}++ } qw(a b a c b d) }; print "@uniq\n";
  my $text = <<"END";
heredoc with @{[ scalar @n ]} items
END
  print $text;
  eval { die { code => 42 } }; print "caught code $@->{code}\n";
  eval { my $x = 1 / 0 }; print "error: ", ($@ =~ /division by zero/ ? "division by zero" : $@), "\n";
  print "sorted numerically: @{[ sort { $a <=> $b } (10, 9, 100, 1) ]}\n";
'
