#!/bin/sh
# case with globs, alternatives, character classes and fall-through to the default.
classify() {
  case "$1" in
    [0-9]|[0-9][0-9]) echo "$1: small number" ;;
    *.txt|*.md) echo "$1: document" ;;
    [A-Z]*) echo "$1: capitalised" ;;
    '') echo "(empty)" ;;
    ?) echo "$1: single char" ;;
    *) echo "$1: other" ;;
  esac
}
for w in 7 42 123 notes.txt README.md Hello x '' 'two words'; do classify "$w"; done
case abc in a*c) echo "glob ok";; esac
case "*" in \*) echo "literal star";; esac
