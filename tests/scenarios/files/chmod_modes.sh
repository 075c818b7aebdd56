#!/bin/sh
# chmod in octal and symbolic forms; umask applies to new files and directories.
touch f
for m in 644 600 755 4755 2750 1777 0; do chmod $m f; stat -c "$m -> %a %A" f; done
chmod 644 f
chmod u+x,g+w f; stat -c '%a' f
chmod a-r f; stat -c '%a' f
chmod go=u f; stat -c '%a' f
chmod -R 700 . ; stat -c '%a' f
umask 027; touch g; mkdir d; stat -c '%a %n' g d
umask 0; touch h; mkdir e; stat -c '%a %n' h e
mkdir -m 711 m; stat -c '%a' m
