#!/bin/sh
# Writing to ext2 through a loop device: copies of trees, tar extraction, rename (also across
# directories and over an existing name), hard links, unlink, rmdir, truncate; everything again
# after umount and a second mount, and the statfs figures at each step.
. /ext2/common
mount -o loop -t ext2 img mnt || exit 1
mkdir -p src/a/b && seq 1 3000 > src/a/list && printf 'x\n' > src/a/b/x && ln -s list src/a/ln
cp -a src mnt/copy
(cd src && tar cf ../t.tar .)
mkdir mnt/untar && tar xf t.tar -C mnt/untar
mv mnt/copy/a/list mnt/moved-list
mv mnt/untar/a/b mnt/dir/b-moved
mv mnt/hello.txt mnt/dir/numbers.txt
ln mnt/moved-list mnt/moved-link
rm mnt/short-link
rmdir mnt/empty
rmdir mnt/dir 2>&1 | sed 's/^rmdir: //'
for i in $(seq 1 50); do : > mnt/many/added-$i; done
rm mnt/many/entry-with-a-long-name-1*
truncate -s 5000 mnt/dir/nested/z.bin
truncate -s 70000 mnt/copy/a/b/x
dd if=/dev/zero of=mnt/big bs=4096 count=100 2>/dev/null
printf 'appended\n' >> mnt/big
mknod mnt/null c 1 3 && mknod mnt/disk b 259 70000 && mkfifo mnt/fifo2
ln -s "$(printf 'segment-%.0s' $(seq 1 12))end" mnt/slow-link && ln -s short mnt/fast-link
chown 70000:80000 mnt/big && chmod 2751 mnt/dir/b-moved && touch -d '2020-02-03 04:05:06' mnt/moved-list
sync
check() {
  (cd mnt && stat -c '%n %F %t:%T %a %u %g %s %b' null disk fifo2 slow-link fast-link big dir/b-moved)
  (cd mnt && readlink slow-link fast-link 2>/dev/null || { readlink slow-link; readlink fast-link; })
  stat -c '%y' mnt/moved-list
  (cd mnt && find . | grep -v '^./many/' | sort)
  ls mnt/many | wc -l; ls mnt/many | md5sum
  (cd mnt && stat -c '%n %F %a %h %s %b' moved-list moved-link dir/numbers.txt dir/b-moved dir/b-moved/x dir/nested/z.bin copy/a/b/x big copy/a/ln)
  (cd mnt && md5sum moved-list dir/numbers.txt dir/b-moved/x dir/nested/z.bin copy/a/b/x big sparse)
  stat -c '.. of moved dir: %h' mnt/dir
  df -k mnt | tail -n 1 | awk '{print $2, $3, $4, $5}'
}
check
umount mnt && echo unmounted
mount -o loop -t ext2 img mnt && echo remounted
check
rm -r mnt/copy mnt/untar mnt/big
df -k mnt | tail -n 1 | awk '{print $2, $3, $4, $5}'
umount mnt
