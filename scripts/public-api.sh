#!/usr/bin/env bash
# Regenerates src/*/PublicAPI.Unshipped.txt from the code (docs/public-api.md): every public symbol that is not in
# PublicAPI.Shipped.txt is written to PublicAPI.Unshipped.txt by the analyzer's own code fix (RS0016).
# Review the diff: it IS the change to the public API. Usage: bash scripts/public-api.sh [src/Project ...]
set -euo pipefail
cd "$(dirname "$0")/.."
projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  projects=(src/*/)
fi
for dir in "${projects[@]}"; do
  dir="${dir%/}"
  csproj="$dir/$(basename "$dir").csproj"
  [ -f "$csproj" ] || { echo "public-api.sh: no $csproj" >&2; exit 2; }
  printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
  [ -f "$dir/PublicAPI.Shipped.txt" ] || printf '#nullable enable\n' > "$dir/PublicAPI.Shipped.txt"
  echo "public-api.sh: $csproj"
  dotnet format analyzers "$csproj" --diagnostics RS0016 --severity info
done
git --no-pager diff --stat -- 'src/*/PublicAPI.*.txt' || true
