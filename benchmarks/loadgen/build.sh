#!/bin/sh
# Builds benchmarks/loadgen/fosc-loadgen from fosc-loadgen.c (gcc, glibc, Linux; no other dependencies).
set -e
cd "$(dirname "$0")"
${CC:-gcc} -O2 -std=gnu11 -Wall -Wextra -pthread -o fosc-loadgen fosc-loadgen.c
echo "built $(pwd)/fosc-loadgen"
