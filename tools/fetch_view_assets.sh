#!/usr/bin/env bash
# Fetches the JavaScript libraries `kg view` embeds in its page, at pinned
# versions, from the npm registry (`npm pack`), into assets/view/vendor/
# with their licences. The files are committed: the build and the page need
# no network. Run again only to change a version (and update the list in
# assets/view/vendor/README.md).
#
#   cytoscape        3.35.0  graph drawing (dist/cytoscape.min.js)     MIT
#   layout-base      2.0.1   needed by cose-base                       MIT
#   cose-base        2.2.0   needed by cytoscape-fcose                 MIT
#   cytoscape-fcose  2.2.0   the force-directed layout (fCoSE)         MIT
set -euo pipefail
cd "$(dirname "$0")/.."
out=assets/view/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
fetch() { # package version file-in-package
  local dir="$tmp/$1"
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "$1@$2" >/dev/null && tar -xzf ./*.tgz)
  cp "$dir/package/$3" "$out/$(basename "$3")"
  cp "$dir/package/LICENSE" "$out/$1.LICENSE"
}
fetch cytoscape 3.35.0 dist/cytoscape.min.js
fetch layout-base 2.0.1 layout-base.js
fetch cose-base 2.2.0 cose-base.js
fetch cytoscape-fcose 2.2.0 cytoscape-fcose.js
# The page embeds each file in a <script> element, which must not meet
# "</script" or "<!--" inside it; src/export/view.rs's tests check this too.
if grep -il -e '</script' -e '<!--' "$out"/*.js; then
  echo "a vendored file contains </script or <!--" >&2
  exit 1
fi
sha256sum "$out"/*.js
