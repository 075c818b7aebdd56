#!/bin/sh
# Here-documents: expansion, quoted delimiters, tab stripping, here-docs into loops and files.
name=world
cat <<END
hello $name
sum $((2 + 3))
$(echo command substitution)
END
cat <<'END'
no $expansion here $(nor this)
END
cat <<-END
	tabs stripped
		both of them
	END
while read a b; do echo "$b $a"; done <<END
1 one
2 two
END
cat > file <<END
written to a file
END
cat file
wc -l <<END
$(seq 1 25)
END
