#!/usr/bin/env bash
# usage: pg-nodes.sh JAR [single|two|baseline] — one or two nodes on PostgreSQL (see docs/benchmarks.md, PostgreSQL).
set -u
JAR=$1; MODE=${2:-single}
PGURL='jdbc:postgresql://127.0.0.1:5432/gomsggw_bench?user=gomsggw&password=gomsggw'
fresh() { runuser -u postgres -- psql -q -c "DROP DATABASE IF EXISTS gomsggw_bench" -c "CREATE DATABASE gomsggw_bench OWNER gomsggw" >/dev/null; }
node() { # id webport
  local id=$1 p=$2
  SERVER_ID=$id ENCRYPTION_KEY=benchencbenchencbenchencbenchenc API_KEY=benchkey WEB_LISTEN=127.0.0.1:$p SMPP_LISTEN=127.0.0.1:$((p+2)) MM4_LISTEN=127.0.0.1:0 \
  PROMETHEUS_LISTEN=127.0.0.1:$((p+1)) GOMSGGW_DATA_DIR=$(mktemp -d) LOG_LEVEL=warn DATABASE_URL="$PGURL" \
  java ${GW_OPTS:-} -jar "$JAR" > /tmp/pg-node-$id.log 2>&1 &
  echo $!
}
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
ticks() { local t=0; for p in "$@"; do [ -r /proc/$p/stat ] && t=$((t + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo $t; }
pgticks() { ticks $(pgrep -u postgres); }
wait_up() { for i in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:$1/health && return 0; sleep 0.5; done; echo "node on $1 not up"; return 1; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
case $MODE in
single)
  fresh; P=$(node node-1 39617); wait_up 39617
  java -jar "$JAR" bench http --url http://127.0.0.1:39617 --setup --api-key benchkey --connections 32 --duration ${DUR:-30s} --warmup ${WARM:-30s} > /tmp/pg-single.txt 2>&1 &
  G=$!; sleep ${CPUSKIP:-32}; read m0 n0 < <(busy); a=$(ticks $P); b=$(pgticks); t0=$(date +%s.%N); sleep ${CPUWIN:-25}; a2=$(ticks $P); b2=$(pgticks); t1=$(date +%s.%N); read m1 n1 < <(busy)
  wait $G; tail -15 /tmp/pg-single.txt
  echo "cpu (cores) over ${CPUWIN:-25}s of the measured window: gateway $(echo "($a2-$a)/100/($t1-$t0)" | bc -l | cut -c1-4) postgres $(echo "($b2-$b)/100/($t1-$t0)" | bc -l | cut -c1-4) machine $(echo "($m1-$m0)*2/($n1-$n0)" | bc -l | cut -c1-4) of 2"
  kill $P; wait $P 2>/dev/null ;;
baseline)
  java -jar "$JAR" bench baseline --listen 127.0.0.1:39700 > /dev/null 2>&1 & B=$!; sleep 3
  java -jar "$JAR" bench http --url http://127.0.0.1:39700 --username x --password x --from +15550000001 --to +15550000002 --connections 32 --duration 20s --warmup 15s 2>&1 | grep -E 'accepted/s|p50|p99 '
  kill $B ;;
two)
  fresh; P1=$(node node-1 39621); wait_up 39621; P2=$(node node-2 39631); wait_up 39631
  java -jar "$JAR" bench http --url http://127.0.0.1:39621 --setup --api-key benchkey --connections 16 --duration 5s --warmup 1s > /tmp/pg-setup.txt 2>&1
  cat /tmp/pg-setup.txt | head -5
  echo "then both, 16 connections each:"
  java -jar "$JAR" bench http --url http://127.0.0.1:39621 --setup --api-key benchkey --connections 16 --duration 30s --warmup 30s > /tmp/pg-two-1.txt 2>&1 &
  G1=$!
  java -jar "$JAR" bench http --url http://127.0.0.1:39631 --setup --api-key benchkey --connections 16 --duration 30s --warmup 30s > /tmp/pg-two-2.txt 2>&1 &
  G2=$!; sleep 32; read m0 n0 < <(busy); a=$(ticks $P1); c=$(ticks $P2); b=$(pgticks); t0=$(date +%s.%N); sleep 25; a2=$(ticks $P1); c2=$(ticks $P2); b2=$(pgticks); t1=$(date +%s.%N); read m1 n1 < <(busy)
  wait $G1 $G2;
  echo "cpu (cores): node-1 $(echo "($a2-$a)/100/($t1-$t0)" | bc -l | cut -c1-4) node-2 $(echo "($c2-$c)/100/($t1-$t0)" | bc -l | cut -c1-4) postgres $(echo "($b2-$b)/100/($t1-$t0)" | bc -l | cut -c1-4) machine $(echo "($m1-$m0)*2/($n1-$n0)" | bc -l | cut -c1-4) of 2"
  grep -E 'accepted/s|p50|p99 ' /tmp/pg-two-1.txt /tmp/pg-two-2.txt
  kill $P1 $P2; wait $P1 $P2 2>/dev/null ;;
esac
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
