#!/usr/bin/env bash
# usage: pg-one-node.sh JAR — one node on PostgreSQL: first minute, after warm-up (with the CPU split), wrk, do-nothing baselines.
# Needs PostgreSQL on 127.0.0.1:5432 with a role gomsggw/gomsggw that may create the database gomsggw_bench, run as root (runuser), wrk and bc.
set -u
JAR=$1
PGURL='jdbc:postgresql://127.0.0.1:5432/gomsggw_bench?user=gomsggw&password=gomsggw'
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
ticks() { local t=0; for p in "$@"; do [ -r /proc/$p/stat ] && t=$((t + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo $t; }
cores() { echo "($2-$1)/100/$3" | bc -l | cut -c1-4; }
show() { grep -E 'accepted/s|p50|p99 |non-2xx|Requests/sec|  50%|  99%' "$1"; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
runuser -u postgres -- psql -q -c "DROP DATABASE IF EXISTS gomsggw_bench" -c "CREATE DATABASE gomsggw_bench OWNER gomsggw" >/dev/null
SERVER_ID=node-1 ENCRYPTION_KEY=benchencbenchencbenchencbenchenc API_KEY=benchkey WEB_LISTEN=127.0.0.1:39617 SMPP_LISTEN=127.0.0.1:39619 MM4_LISTEN=127.0.0.1:0 \
  PROMETHEUS_LISTEN=127.0.0.1:39618 GOMSGGW_DATA_DIR=$(mktemp -d) LOG_LEVEL=warn DATABASE_URL="$PGURL" java -jar "$JAR" > /tmp/pgfull-node.log 2>&1 &
P=$!
for i in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:39617/health && break; sleep 0.5; done
echo "== first minute after start (bench http, 32 connections, 60 s, no warm-up)"
java -jar "$JAR" bench http --url http://127.0.0.1:39617 --setup --api-key benchkey --connections 32 --duration 60s --warmup 0s > /tmp/pgfull-1.txt 2>&1
grep setup: /tmp/pgfull-1.txt; show /tmp/pgfull-1.txt
U=$(sed -n 's/.*web client \([^ ]*\) id=.*/\1/p' /tmp/pgfull-1.txt); PW=$(sed -n 's/.*password=\([^ ]*\) .*/\1/p' /tmp/pgfull-1.txt)
F=$(sed -n 's/.*web client.* number \([^ ]*\).*/\1/p' /tmp/pgfull-1.txt); T=$(sed -n 's/.*destination \([^ ]*\) .*/\1/p' /tmp/pgfull-1.txt)
echo "== after warm-up (bench http, 32 connections, 30 s after 30 s)"
java -jar "$JAR" bench http --url http://127.0.0.1:39617 --username "$U" --password "$PW" --from "$F" --to "$T" --connections 32 --duration 30s --warmup 30s > /tmp/pgfull-2.txt 2>&1 &
G=$!; sleep 33; read m0 n0 < <(busy); a=$(ticks $P); b=$(ticks $(pgrep -u postgres)); t0=$(date +%s.%N); sleep 25; a2=$(ticks $P); b2=$(ticks $(pgrep -u postgres)); t1=$(date +%s.%N); read m1 n1 < <(busy)
wait $G; show /tmp/pgfull-2.txt
echo "cpu over 25 s of the measured window (cores): gateway $(cores $a $a2 $(echo "$t1-$t0"|bc)) postgres $(cores $b $b2 $(echo "$t1-$t0"|bc)) whole machine busy $(echo "($m1-$m0)*2/($n1-$n0)" | bc -l | cut -c1-4) of 2 cores (the rest: the generator and anything else)"
cat > /tmp/send.lua <<LUA
wrk.method = "POST"
wrk.body = '{"from":"$F","to":"$T","text":"gomsggw bench"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic $(printf '%s:%s' "$U" "$PW" | base64 -w0)"
LUA
echo "== wrk -t2 -c32 -d30s (right after)"
wrk -t2 -c32 -d30s --latency -s /tmp/send.lua http://127.0.0.1:39617/messages/send > /tmp/pgfull-3.txt 2>&1; show /tmp/pgfull-3.txt
kill $P; wait $P 2>/dev/null
echo "== do-nothing baseline, same generators"
java -jar "$JAR" bench baseline --listen 127.0.0.1:39700 > /dev/null 2>&1 & B=$!; sleep 3
java -jar "$JAR" bench http --url http://127.0.0.1:39700 --username x --password x --from +15550000001 --to +15550000002 --connections 32 --duration 20s --warmup 10s > /tmp/pgfull-4.txt 2>&1; show /tmp/pgfull-4.txt
wrk -t2 -c32 -d20s --latency -s /tmp/send.lua http://127.0.0.1:39700/messages/send > /tmp/pgfull-5.txt 2>&1; show /tmp/pgfull-5.txt
kill $B
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
