#!/usr/bin/env bash
# Build the dashboard's asset directory: install the npm packages pinned in
# package-lock.json (npm ci; npm install when there is no lock) and copy the
# page and the needed dist files into OUT (default ../build/web-assets).
#
#   web/build.sh [OUT]          (also: cmake --build BUILD --target web-assets)
# Nothing is fetched when the page runs: marsad serve --assets OUT serves it all.
set -euo pipefail
cd "$(dirname "$0")"
OUT="${1:-$(pwd)/../build/web-assets}"

if [[ -f package-lock.json ]]; then
  # Reinstall only when the lock changed since the last install.
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund
  fi
else
  npm install --no-audit --no-fund
fi

M=node_modules
rm -rf "$OUT"
mkdir -p "$OUT/vendor/leaflet/images" "$OUT/vendor/markercluster" "$OUT/vendor/cytoscape" \
  "$OUT/vendor/topojson" "$OUT/vendor/world-atlas" "$OUT/vendor/font/files"
cp index.html app.js app.css "$OUT/"
cp "$M/leaflet/dist/leaflet.js" "$M/leaflet/dist/leaflet.css" "$OUT/vendor/leaflet/"
cp "$M/leaflet/dist/images/"*.png "$OUT/vendor/leaflet/images/"
cp "$M/leaflet.markercluster/dist/leaflet.markercluster.js" "$M/leaflet.markercluster/dist/MarkerCluster.css" \
  "$M/leaflet.markercluster/dist/MarkerCluster.Default.css" "$OUT/vendor/markercluster/"
cp "$M/cytoscape/dist/cytoscape.min.js" "$OUT/vendor/cytoscape/"
cp "$M/topojson-client/dist/topojson-client.min.js" "$OUT/vendor/topojson/"
cp "$M/world-atlas/countries-50m.json" "$OUT/vendor/world-atlas/"
F="$M/@fontsource/noto-naskh-arabic"
for w in 400 700; do
  cat "$F/arabic-$w.css" >> "$OUT/vendor/font/noto-naskh-arabic.css"
  cp "$F/files/noto-naskh-arabic-arabic-$w-normal.woff2" "$F/files/noto-naskh-arabic-arabic-$w-normal.woff" "$OUT/vendor/font/files/"
done
for p in leaflet leaflet.markercluster cytoscape topojson-client world-atlas @fontsource/noto-naskh-arabic; do
  v=$(node -p "require('./$M/$p/package.json').version")
  l=$(node -p "require('./$M/$p/package.json').license || ''")
  echo "$p $v $l"
done > "$OUT/vendor/VERSIONS.txt"
echo "web/build.sh: page and libraries in $OUT"
