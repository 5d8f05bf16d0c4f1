#!/bin/sh
# Rebuilds the WebP fixtures in this directory (the output is byte for byte the same each run). Needs
# python3 and Debian's `webp` package (cwebp, img2webp; libwebp 1.2.4, Debian 12). The source
# pictures are written as PAM files by the Python below and deleted afterwards.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import sys
out = sys.argv[1]
def pam(name, w, h, pixel):  # pixel(x, y) -> (r, g, b, a)
    with open(f"{out}/{name}.pam", "wb") as f:
        f.write(f"P7\nWIDTH {w}\nHEIGHT {h}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n".encode())
        f.write(bytes(c for y in range(h) for x in range(w) for c in pixel(x, y)))
def quadrants(w, h):  # red, green / blue, yellow, as Fixtures.quadrants
    return lambda x, y: [(255, 0, 0, 255), (0, 255, 0, 255), (0, 0, 255, 255), (255, 255, 0, 255)][
        (2 if y >= h // 2 else 0) + (1 if x >= w // 2 else 0)]
pam("quadrants-2400x1600", 2400, 1600, quadrants(2400, 1600))
pam("quadrants-64x48", 64, 48, quadrants(64, 48))
# left half fully transparent (its colour is red, which must not show), right half opaque blue
pam("half-transparent-64x64", 64, 64, lambda x, y: (255, 0, 0, 0) if x < 32 else (0, 0, 255, 255))
pam("red-32x32", 32, 32, lambda x, y: (255, 0, 0, 255))
pam("green-32x32", 32, 32, lambda x, y: (0, 255, 0, 255))
PY
cwebp -quiet -lossless "$tmp/quadrants-2400x1600.pam" -o lossless-quadrants-2400x1600.webp
cwebp -quiet -q 80 "$tmp/quadrants-64x48.pam" -o lossy-quadrants-64x48.webp
cwebp -quiet -lossless -exact "$tmp/half-transparent-64x64.pam" -o lossless-alpha-64x64.webp
cwebp -quiet -q 80 -exact "$tmp/half-transparent-64x64.pam" -o lossy-alpha-64x64.webp
img2webp -lossy -q 80 -d 500 "$tmp/red-32x32.pam" "$tmp/green-32x32.pam" -o animated-red-then-green-32x32.webp >/dev/null
