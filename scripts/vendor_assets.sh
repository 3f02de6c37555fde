#!/bin/sh
# Refresh the vendored front-end assets in static/vendor/ from the npm registry (run by `make vendor`).
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" && npm init -y >/dev/null && npm install --silent bootstrap@5 htmx.org@2 echarts@5 bootstrap-icons@1 axe-core@4
cd - >/dev/null
n="$tmp/node_modules"
v=static/vendor
mkdir -p $v/bootstrap $v/htmx $v/echarts $v/bootstrap-icons/fonts $v/axe-core
cp "$n/bootstrap/dist/css/bootstrap.min.css" "$n/bootstrap/dist/js/bootstrap.bundle.min.js" $v/bootstrap/
cp "$n/htmx.org/dist/htmx.min.js" $v/htmx/
cp "$n/echarts/dist/echarts.min.js" $v/echarts/
cp "$n/bootstrap-icons/font/bootstrap-icons.min.css" $v/bootstrap-icons/
cp "$n"/bootstrap-icons/font/fonts/* $v/bootstrap-icons/fonts/
# axe-core: the accessibility checker the test suite runs in the browser (tests/portal/test_crawl.py).
cp "$n/axe-core/axe.min.js" "$n/axe-core/LICENSE" $v/axe-core/
# The source maps are not vendored; drop their references so the manifest storage does not look for them.
sed -i 's#/\*\# sourceMappingURL=[^*]*\*/##; s#//\# sourceMappingURL=.*$##' $v/bootstrap/*
echo "vendored: $(cd "$n" && for p in bootstrap htmx.org echarts bootstrap-icons axe-core; do printf '%s@%s ' $p "$(node -p "require('./$p/package.json').version")"; done)"
