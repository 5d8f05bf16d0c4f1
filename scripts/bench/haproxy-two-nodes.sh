#!/usr/bin/env bash
# usage: haproxy-two-nodes.sh JAR — two nodes on PostgreSQL behind HAProxy with the configuration of docs/scale-out.md (local ports, PROXY protocol for SMPP and MM4): HTTP, SMPP and MM4 through the balancer.
set -u
JAR=$1
PGURL='jdbc:postgresql://127.0.0.1:5432/gomsggw_bench?user=gomsggw&password=gomsggw'
runuser -u postgres -- psql -q -c "DROP DATABASE IF EXISTS gomsggw_bench" -c "CREATE DATABASE gomsggw_bench OWNER gomsggw" >/dev/null
node() { local id=$1 p=$2
  SERVER_ID=$id ENCRYPTION_KEY=benchencbenchencbenchencbenchenc API_KEY=benchkey WEB_LISTEN=127.0.0.1:$p SMPP_LISTEN=127.0.0.1:$((p+2)) MM4_LISTEN=127.0.0.1:$((p+3)) \
  PROMETHEUS_LISTEN=127.0.0.1:$((p+1)) GOMSGGW_DATA_DIR=$(mktemp -d) LOG_LEVEL=info DATABASE_URL="$PGURL" HAPROXY_PROXY_PROTOCOL=true TRUSTED_PROXIES=127.0.0.1 \
  java -jar "$JAR" > /tmp/lb-node-$id.log 2>&1 & echo $!; }
P1=$(node node-1 39821); P2=$(node node-2 39831)
for p in 39821 39831; do for i in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:$p/health && break; sleep 0.5; done; done
haproxy -f "$(dirname "$0")/haproxy-two-nodes.cfg" > /tmp/lb-haproxy.log 2>&1 & H=$!
sleep 4
echo "== health through the balancer: $(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:3300/health)"
echo "== HTTP through the balancer"
java -jar "$JAR" bench http --url http://127.0.0.1:3300 --setup --api-key benchkey --connections 16 --duration 10s --warmup 5s 2>&1 | grep -E "setup|accepted/s|p99 |202|other|no answer"
echo "== SMPP through the balancer (PROXY protocol), 4 binds, to the carrier"
java -jar "$JAR" bench smpp --smpp 127.0.0.1:9650 --url http://127.0.0.1:3300 --api-key benchkey --setup --to-carrier --binds 4 --window 16 --duration 10s --warmup 3s 2>&1 | grep -E "setup|submit_sm/s|ESME|status|resp p99" | head -12
echo "== MM4 through the balancer (PROXY protocol), 4 connections"
java -jar "$JAR" bench mm4 --mm4 127.0.0.1:2666 --url http://127.0.0.1:3300 --api-key benchkey --setup --connections 4 --duration 10s --warmup 3s 2>&1 | grep -E "setup|accepted/s|250 accepted|4xx|5xx|no answer"
echo "== the peer addresses the nodes logged (the PROXY header's source, not the balancer's)"
grep -h -i -E "bound|bind" /tmp/lb-node-node-1.log /tmp/lb-node-node-2.log | grep -o -E "(remote|peer|address|ip)=[^ ]*" | sort | uniq -c | head
grep -h -i "unknown\|refused\|554\|proxy" /tmp/lb-node-node-*.log | head -5
kill $H $P1 $P2; wait $P1 $P2 2>/dev/null
