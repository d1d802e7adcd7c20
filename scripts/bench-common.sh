# Sourced by the benchmark scripts (bench-data.sh, bench-events.sh, bench-listing.sh, load-test.sh): what they all do
# before their program runs. Sourcing it sets $root to the repository root and makes it the working directory.
# Progress and errors go to stderr, so a benchmark's stdout holds only its report.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Exits with 1, saying what to install, unless every named tool is on PATH; then installs Azurite from
# package-lock.json when it is missing or the lock file changed since the last install.
bench_prepare() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null && continue
    case "$tool" in
      dotnet) echo "The .NET 10 SDK (dotnet) is required." >&2 ;;
      node) echo "Node.js is required (for Azurite)." >&2 ;;
      sha512sum) echo "sha512sum (coreutils) is required." >&2 ;;
      *) echo "$tool is required." >&2 ;;
    esac
    exit 1
  done
  if [ ! -f node_modules/azurite/dist/src/azurite.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing Azurite (npm ci)..." >&2
    npm ci --no-audit --no-fund >/dev/null
  fi
}

# bench_build WHAT PROJECT...: says "Building WHAT (Release)..." and builds each project in Release, quietly: a
# build's output is shown only when it fails, and then the script exits with 1.
bench_build() {
  local project log
  echo "Building $1 (Release)..." >&2
  for project in "${@:2}"; do
    log="$(mktemp)"
    if ! dotnet build "$project" -c Release --nologo -v quiet >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      echo "Building $project failed." >&2
      exit 1
    fi
    rm -f "$log"
  done
}

# bench_exec PROJECT ARGS...: replaces the script with the project's Release build, so its exit code is the script's.
bench_exec() {
  local project="$1"
  exec dotnet "$project/bin/Release/net10.0/$(basename "$project").dll" "${@:2}"
}
