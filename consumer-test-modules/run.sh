#!/usr/bin/env bash
# Proves that fosc works on the module path for a consumer, against installed artifacts:
#   1. mvn verify: compiles module dev.fosc.consumer (requires dev.fosc.client, dev.fosc.testkit) and runs its
#      JUnit test on the module path (@WithFakeCamera, a FoscClient, one video frame);
#   2. java -m without the native modules: AUTO falls back to NIO and logs why once;
#   3. java -m with --add-modules for the epoll modules: the client runs on EpollSocketChannel.
# Usage: consumer-test-modules/run.sh [extra mvn args, e.g. -o -Dmaven.repo.local=/tmp/m2]
# The fosc artifacts must be installed in that local repository first (mvn install -DskipTests at the root).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp "$@" verify
mvn -B -ntp -q "$@" org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/runtime.path
MP="target/classes:$(cat target/runtime.path)"
MAIN=dev.fosc.consumer/dev.fosc.consumer.ModulePathCheck

echo "== module path, no native modules resolved (expect NioSocketChannel and one fallback line)"
out=$(java --module-path "$MP" -m "$MAIN" 2>&1)
echo "$out"
grep -q 'transport NioSocketChannel; modules: consumer=dev.fosc.consumer client=dev.fosc.client' <<<"$out"
test "$(grep -c 'fosc-client uses the NIO transport because module io.netty.transport.classes.epoll is not resolved' <<<"$out")" = 1

echo "== module path with the epoll modules added (expect EpollSocketChannel)"
out=$(java --module-path "$MP" \
    --add-modules io.netty.transport.classes.epoll,io.netty.transport.epoll.linux.x86_64 -m "$MAIN" 2>&1)
echo "$out"
grep -q 'transport EpollSocketChannel; modules: consumer=dev.fosc.consumer client=dev.fosc.client' <<<"$out"
echo "module path: OK"
