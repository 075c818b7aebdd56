#!/bin/sh
# expr arithmetic, comparisons, string operations and exit statuses; let.
expr 7 + 5; expr 7 - 12; expr 6 \* 7; expr 45 / 7; expr 45 % 7
expr 3 \< 10; expr abc \< abd; expr 5 = 5; expr 5 != 5; echo "false comparison status $?"
expr length "hello world"; expr substr abcdef 2 3; expr index abcdef d
expr match abc123 '[a-z]*'; expr abc123 : '[a-z]*\([0-9]*\)'
expr 0 \| 7; expr 4 \& 0
expr 9223372036854775807 + 0
expr -9223372036854775808 / 1
expr 1 / 0 2>&1; echo "div by zero status $?"
expr a + 1 2>&1; echo "non-numeric status $?"
let a=5*4 b=a+1; echo "$a $b"
let 'c = (a > b) ? 1 : 2'; echo $c
let 0; echo "let 0 status $?"
