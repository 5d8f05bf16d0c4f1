#!/usr/bin/env bash
# usage: NODELAY=1 scripts/bench/mm4-jakarta.sh JAR  — a fresh gateway, the bench setup, then 8 Jakarta Mail connections, 60 s after 30 s
JAR=$1; D=$(mktemp -d)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
API_KEY=benchkey WEB_LISTEN=127.0.0.1:39517 SMPP_LISTEN=127.0.0.1:0 MM4_LISTEN=127.0.0.1:39519 \
PROMETHEUS_LISTEN=127.0.0.1:39518 GOMSGGW_DATA_DIR=$D LOG_LEVEL=warn TRANSCODER_AV_WORKERS=0 \
  java -jar $JAR > /tmp/jm-gw.log 2>&1 &
P=$!
for i in $(seq 1 120); do curl -sf -o /dev/null http://127.0.0.1:39517/health && break; sleep 0.5; done
S=$(java -jar $JAR bench mm4 --mm4 127.0.0.1:39519 --url http://127.0.0.1:39517 --setup --api-key benchkey --connections 1 --duration 1s --warmup 0s 2>&1 | grep "setup: legacy")
FROM=$(echo "$S" | sed -E 's/.*number (\+[0-9]+);.*/\1/'); TO=$(echo "$S" | sed -E 's/.*destination (\+[0-9]+),.*/\1/')
echo "$FROM -> $TO"
java -Dw=${W:-660} -cp $JAR "$(dirname "$0")/mm4-jakarta-load.java" 127.0.0.1 39519 $FROM $TO 8 30 60
kill $P; wait $P 2>/dev/null; rm -rf $D
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
