# shellcheck shell=bash
# s3rver (npm s3rver@3.7.1), an S3-compatible server in Node.js, for the upload tests of `vdp import`.
# Sourced by scripts/services.sh after vdp-services-lib.sh. Only FETCHED here (into the cache, once): the tests start
# their own instance on a free 127.0.0.1 port (TestSupport/S3Server.cs) so that they can kill and restart it.
#   VDP_S3RVER_JS   the server's CLI script: node "$VDP_S3RVER_JS" --address 127.0.0.1 --port P --directory DIR

__VDP_S3RVER_NPM_PACKAGE=s3rver@3.7.1

__vdp_s3rver_dir() { printf '%s/s3rver-3.7.1' "$__VDP_CACHE_DIR"; }

# __vdp_s3rver_fetch: npm install s3rver (with its dependencies) into the cache; a no-op when it is there.
__vdp_s3rver_fetch() {
  local dir tmp
  dir=$(__vdp_s3rver_dir)
  [[ -f $dir/node_modules/s3rver/bin/s3rver.js ]] && return 0
  if ! __vdp_have npm || ! __vdp_have node; then
    __vdp_err "node and npm are needed to fetch $__VDP_S3RVER_NPM_PACKAGE (apt-get install nodejs npm)"
    return 1
  fi
  __vdp_say "fetching $__VDP_S3RVER_NPM_PACKAGE (npm) into $dir"
  mkdir -p "$__VDP_CACHE_DIR" || return 1
  tmp=$(mktemp -d "$__VDP_CACHE_DIR/.s3rver.XXXXXX") || return 1
  if ! npm install --silent --no-audit --no-fund --omit=dev --prefix "$tmp" "$__VDP_S3RVER_NPM_PACKAGE" >"$tmp/npm.log" 2>&1 ||
    [[ ! -f $tmp/node_modules/s3rver/bin/s3rver.js ]]; then
    __vdp_err "npm install $__VDP_S3RVER_NPM_PACKAGE failed"
    __vdp_tail_log "$tmp/npm.log"
    rm -rf -- "$tmp"
    return 1
  fi
  # rename into place; if a concurrent run finished first, keep its copy
  [[ -f $dir/node_modules/s3rver/bin/s3rver.js ]] || { rm -rf -- "$dir"; mv -T "$tmp" "$dir" 2>/dev/null || true; }
  rm -rf -- "$tmp"
  [[ -f $dir/node_modules/s3rver/bin/s3rver.js ]] || { __vdp_err "could not install s3rver into $dir"; return 1; }
  return 0
}
