#!/usr/bin/env bash
# The real client under Xvfb with Mesa's software OpenGL: it creates the demo database in a fresh
# home directory, renders it and saves a screenshot. The PNG must have the window's size and show
# an interface, not a blank or single-colour frame.
set -euo pipefail
gui=$1
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing (apt-get install xvfb)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Leak reports from Mesa and X11 libraries are not ours (sanitizer builds).
export ASAN_OPTIONS=${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0
HOME=$tmp XDG_CONFIG_HOME= XDG_DATA_HOME= \
  xvfb-run -a -s '-screen 0 1280x800x24' "$gui" --size 1024x700 --frames 6 \
  --screenshot "$tmp/shot.png" | tee "$tmp/out.txt"
grep -q "screenshot $tmp/shot.png (1024x700" "$tmp/out.txt"
test -s "$tmp/.local/share/mentorkit/demo.db" # the demo database was created on first run
python3 - "$tmp/shot.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, header = 8, b"", None
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        header = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
width, height, depth, colour = header[:4]
assert (width, height) == (1024, 700), (width, height)
assert depth == 8 and colour == 2, "expected 8-bit RGB"
raw, stride, bpp = zlib.decompress(idat), width * 3, 3
rows, prev = [], bytearray(stride)
for y in range(height):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line))
    prev = line
pixels = [row[i:i + 3] for row in rows for i in range(0, stride, 3)]
background = max(set(pixels[::97]), key=pixels[::97].count)
share = sum(p != background for p in pixels) / len(pixels)
colours = len(set(pixels))
print(f"screenshot {width}x{height}: {colours} colours, {share:.1%} non-background pixels")
assert colours >= 16 and share >= 0.02, "the screenshot looks blank"
PY
