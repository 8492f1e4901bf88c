#!/usr/bin/env bash
# Packs RepairGate's NuGet packages into artifacts/packages, the local feed sample-projects/ restore from, and clears
# RepairGate.* from the samples' private package folder (artifacts/sample-packages) so that the next sample build
# restores the fresh packages instead of a stale copy of the same version.
# Usage: build/pack-local.sh [Configuration]   (default Release)
set -euo pipefail
cd "$(dirname "$0")/.."
configuration="${1:-Release}"
feed="artifacts/packages"

# Packable projects, in dependency order. (The CLI is not packed here: the gate ships its runner inside RepairGate.Build.)
projects=(src/RepairGate.Build/RepairGate.Build.csproj src/RepairGate.Core/RepairGate.Core.csproj src/RepairGate.Xunit/RepairGate.Xunit.csproj)

mkdir -p "$feed"
for project in "${projects[@]}"; do
  dotnet pack "$project" -c "$configuration" -o "$feed" -p:RunnerConfiguration="$configuration" --nologo -v:q -clp:NoSummary
done
rm -rf artifacts/sample-packages/repairgate.*
echo "packed into $feed: $(cd "$feed" && ls -- *.nupkg | tr '\n' ' ')"
