#!/usr/bin/env bash
# Load test of the public consent signing page against the stock `dotnet new blazor` home page.
#
# The budget (consent issue): under load (wrk, 20 connections, an invitation already opened, the public
# rate limit raised for the run) the signing page serves at least half the requests per second of the
# stock template's home page, measured in the same run on the same machine, with a median under 10 ms.
#
#   bash SafeguardingPortal.Benchmarks/bench-signing-page.sh
#
# What it does, in order:
#   1. installs wrk when missing (apt-get, as root or through sudo);
#   2. creates the stock template in a temporary folder: `dotnet new blazor --interactivity Server --auth None
#      --no-https` (the defaults, bar HTTPS: its home page is a static server-rendered "Hello, world!" page
#      inside the template's layout and nav menu, with blazor.web.js), and publishes it in Release;
#   3. publishes the portal in Release, and builds the benchmarks project in Release, both into a private
#      artifacts folder so the run neither disturbs nor is disturbed by other builds of the repository;
#   4. prepares a fresh data folder with `SafeguardingPortal.Benchmarks consent-link --data DIR`: a lead,
#      an activity, one child and parent, the photos form published and sent, the invitation e-mail composed
#      by the real dispatcher (kept in memory; the raw token is printed, only its hash is stored);
#   5. starts both published apps on loopback (ASPNETCORE_ENVIRONMENT=Production, logging at Warning);
#      the portal with Consent:PublicRequestsPerMinute=2000000000 and Jobs:Enabled=false;
#   6. opens the invitation with curl on /consent/l/{token} (which records "opened", sets the path-scoped
#      SafeguardingPortal.Sign cookie and redirects to /consent/sign/{publicId}), then checks once that the
#      signing page answers 200 with the activity's title and the form, and that the stock page answers 200;
#   7. for each round: wrk against the stock `/` (10 s warm-up, then 30 s measured with --latency), then
#      the same against the signing page with the cookie; 2 threads, 20 connections; any non-2xx/3xx
#      response or socket error fails the run;
#   8. checks the signing page is still the form, prints the wrk outputs, requests/s of each, the ratio and
#      the medians, and the machine's load before and after (the figures mean little on a busy machine).
#
# Why Production and not Development: outside Development the portal adds UseHsts() and UseHttpsRedirection().
# HSTS only writes its header on HTTPS responses, and the HTTPS redirection middleware only redirects when it
# can find an HTTPS port; with Kestrel listening on plain HTTP only (and no ASPNETCORE_HTTPS_PORT), it logs one
# "Failed to determine the https port for redirect" warning and lets the request through. So the published
# Release build runs as in production (exception handler, no detailed errors, static assets from the
# published wwwroot) and plain-HTTP wrk still works; step 6 checks that no redirect to https:// happens.
#
# Settings (environment variables): ROUNDS (default 1; alternates stock/portal and reports medians),
# DURATION (30s), WARMUP (10s), CONNECTIONS (20), THREADS (2), STOCK_PORT (5181), PORTAL_PORT (5182),
# KEEP_WORK=1 keeps the temporary folder (published apps, data folder, wrk outputs).
#
# The raw signing token is a throwaway for a throwaway database; it lives in shell variables and in wrk's
# and curl's command lines (visible to `ps` on this machine while they run), never in a file.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROUNDS=${ROUNDS:-1}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-20}
THREADS=${THREADS:-2}
STOCK_PORT=${STOCK_PORT:-5181}
PORTAL_PORT=${PORTAL_PORT:-5182}
WORK=$(mktemp -d /tmp/bench-signing-page.XXXXXX)
STOCK_URL="http://127.0.0.1:${STOCK_PORT}/"
PORTAL_BASE="http://127.0.0.1:${PORTAL_PORT}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

stock_pid=""
portal_pid=""
cleanup() {
  # Only the two servers this script started, by their process ids.
  for pid in "$portal_pid" "$stock_pid"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [ "${KEEP_WORK:-0}" = "1" ]; then
    echo "Kept $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

say() { printf '\n== %s\n' "$*"; }

machine_load() {
  echo "cores: $(nproc); $(uptime | sed 's/^ *//')"
  echo "memory (MiB): $(free -m | awk '/^Mem:/ { print "total " $2 ", available " $7 }')"
  echo "busiest processes (%CPU, elapsed, command):"
  { ps -eo pcpu=,etime=,args= --sort=-pcpu || true; } | head -8 | cut -c1-150 | sed 's/^/  /' || true
}

# wrk prints latencies as 812.00us, 1.23ms or 1.02s; this gives milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.3f", v * 60000 }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
    else { printf "%s", v }
  }'
}

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) printf "%.3f", a[(NR + 1) / 2]; else printf "%.3f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

wait_for_health() {
  local url=$1 pid=$2 name=$3
  for _ in $(seq 1 120); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited before it answered; its log:" >&2
      cat "$WORK/$name.log" >&2 || true
      exit 1
    fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = "200" ]; then
      return 0
    fi
    sleep 0.5
  done
  echo "$name did not answer 200 on $url within 60 s; its log:" >&2
  cat "$WORK/$name.log" >&2 || true
  exit 1
}

# run_wrk NAME URL [HEADER]: warm-up, then the measured run; writes "REQUESTS_PER_S MEDIAN_MS" to results/NAME.figures.
run_wrk() {
  local name=$1 url=$2 header=${3:-}
  local args=(-t"$THREADS" -c"$CONNECTIONS")
  if [ -n "$header" ]; then
    args+=(-H "$header")
  fi
  wrk "${args[@]}" -d"$WARMUP" "$url" >"$WORK/results/$name.warmup.txt"
  wrk "${args[@]}" -d"$DURATION" --latency "$url" >"$WORK/results/$name.txt"
  if grep -qE 'Non-2xx or 3xx responses|Socket errors' "$WORK/results/$name.txt" "$WORK/results/$name.warmup.txt"; then
    echo "wrk saw errors or non-2xx/3xx responses for $name:" >&2
    cat "$WORK/results/$name.warmup.txt" "$WORK/results/$name.txt" >&2
    exit 1
  fi
  local rps p50
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/results/$name.txt")
  if awk -v r="$rps" 'BEGIN { exit !(r + 0 == 0) }'; then
    echo "wrk completed no requests against $name (is the machine out of memory or CPU?):" >&2
    cat "$WORK/results/$name.txt" >&2
    exit 1
  fi
  p50=$(awk '$1 == "50%" { print $2 }' "$WORK/results/$name.txt")
  echo "$rps $(to_ms "$p50")" >"$WORK/results/$name.figures"
}

say "machine at the start"
machine_load | tee "$WORK/load-before.txt"

say "wrk"
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update && apt-get install -y wrk
  else
    sudo apt-get update && sudo apt-get install -y wrk
  fi
fi
wrk --version 2>&1 | head -n1 || true

say "stock template (dotnet new blazor --interactivity Server --auth None --no-https), published in Release"
dotnet new blazor -o "$WORK/stock/src" -n StockBlazor --interactivity Server --auth None --no-https >/dev/null
dotnet publish "$WORK/stock/src/StockBlazor.csproj" -c Release -o "$WORK/stock/app" --nologo -v quiet

say "portal (Release publish) and the benchmarks project (Release build)"
dotnet publish "$REPO/SafeguardingPortal/SafeguardingPortal.csproj" -c Release -o "$WORK/portal/app" --artifacts-path "$WORK/artifacts" --nologo -v quiet
dotnet build "$REPO/SafeguardingPortal.Benchmarks/SafeguardingPortal.Benchmarks.csproj" -c Release --artifacts-path "$WORK/artifacts" --nologo -v quiet
bench_dll=$(find "$WORK/artifacts/bin/SafeguardingPortal.Benchmarks" -name SafeguardingPortal.Benchmarks.dll -path '*release*' | head -n1)
[ -n "$bench_dll" ] || { echo "The benchmarks build produced no SafeguardingPortal.Benchmarks.dll" >&2; exit 1; }

say "an invitation to open (consent-link on a fresh data folder)"
data="$WORK/portal-data"
link_output=$(dotnet "$bench_dll" consent-link --data "$data")
token=$(sed -n 's/^SIGNING_TOKEN=//p' <<<"$link_output")
public_id=$(sed -n 's/^PUBLIC_ID=//p' <<<"$link_output")
title=$(sed -n 's/^ACTIVITY_TITLE=//p' <<<"$link_output")
[ -n "$token" ] && [ -n "$public_id" ] && [ -n "$title" ] || { echo "consent-link printed no token: $link_output" >&2; exit 1; }
echo "invitation $public_id for \"$title\" (token printed by consent-link, not shown here)"

say "starting both apps (Production, logging at Warning)"
for port in "$STOCK_PORT" "$PORTAL_PORT"; do
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
    echo "Something already answers on port $port: set STOCK_PORT / PORTAL_PORT to free ports." >&2
    exit 1
  fi
done
mkdir -p "$WORK/results"
(cd "$WORK/stock/app" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet StockBlazor.dll --urls "http://127.0.0.1:${STOCK_PORT}") >"$WORK/stock.log" 2>&1 &
stock_pid=$!
(cd "$WORK/portal/app" && exec env ASPNETCORE_ENVIRONMENT=Production \
  dotnet SafeguardingPortal.dll --urls "$PORTAL_BASE" \
    --Storage:DataDirectory "$data" \
    --Consent:PublicRequestsPerMinute 2000000000 \
    --Jobs:Enabled false \
    --Logging:LogLevel:Default Warning \
    --Logging:LogLevel:Microsoft.AspNetCore Warning) >"$WORK/portal.log" 2>&1 &
portal_pid=$!
wait_for_health "$STOCK_URL" "$stock_pid" stock
wait_for_health "$PORTAL_BASE/healthz" "$portal_pid" portal
echo "stock pid $stock_pid on $STOCK_URL; portal pid $portal_pid on $PORTAL_BASE"

say "opening the invitation and checking both pages once"
link_headers=$(curl -sS -o /dev/null -D - "$PORTAL_BASE/consent/l/$token" | tr -d '\r')
link_status=$(awk 'NR == 1 { print $2 }' <<<"$link_headers")
location=$(awk 'tolower($1) == "location:" { print $2 }' <<<"$link_headers")
cookie=$(awk 'tolower($1) == "set-cookie:" && $2 ~ /^SafeguardingPortal\.Sign=/ { sub(/;.*/, "", $2); print $2 }' <<<"$link_headers")
if [ "$link_status" != "302" ] || [ "$location" != "/consent/sign/$public_id" ] || [ "$cookie" != "SafeguardingPortal.Sign=$token" ]; then
  echo "Opening the link gave status $link_status, Location '$location' (expected 302 to /consent/sign/$public_id with the Sign cookie)" >&2
  exit 1
fi
sign_url="$PORTAL_BASE$location"
check_signing_page() {
  local body status size
  body=$(curl -sS -H "Cookie: $cookie" -w '\n%{http_code} %{size_download}' "$sign_url")
  read -r status size <<<"$(tail -n1 <<<"$body")"
  if [ "$status" != "200" ] || ! grep -qF "$title" <<<"$body" || ! grep -q 'name="SignerName"' <<<"$body" || ! grep -q 'data-testid="submit-consent"' <<<"$body"; then
    echo "The signing page is not the form (status $status):" >&2
    head -c 2000 <<<"$body" >&2
    exit 1
  fi
  echo "signing page: 200, $size bytes, has \"$title\" and the form"
}
check_signing_page
stock_body=$(curl -sS -w '\n%{http_code} %{size_download}' "$STOCK_URL")
read -r stock_status stock_size <<<"$(tail -n1 <<<"$stock_body")"
if [ "$stock_status" != "200" ] || ! grep -q 'Hello, world!' <<<"$stock_body"; then
  echo "The stock home page is not 'Hello, world!':" >&2
  head -c 2000 <<<"$stock_body" >&2
  exit 1
fi
echo "stock home page: 200, $stock_size bytes, has \"Hello, world!\""
echo "response headers of the signing page:"
curl -sS -o /dev/null -D - -H "Cookie: $cookie" "$sign_url" | tr -d '\r' | grep -v -i '^set-cookie' | sed 's/^/  /'

say "load: wrk -t$THREADS -c$CONNECTIONS, $WARMUP warm-up then $DURATION measured with --latency; $ROUNDS round(s)"
: >"$WORK/stock.figures"
: >"$WORK/portal.figures"
for round in $(seq 1 "$ROUNDS"); do
  run_wrk "stock-$round" "$STOCK_URL"
  read -r s_rps s_p50 <"$WORK/results/stock-$round.figures"
  echo "$s_rps $s_p50" >>"$WORK/stock.figures"
  run_wrk "signing-$round" "$sign_url" "Cookie: $cookie"
  read -r p_rps p_p50 <"$WORK/results/signing-$round.figures"
  echo "$p_rps $p_p50" >>"$WORK/portal.figures"
  echo "round $round: stock / $s_rps req/s (median $s_p50 ms); signing page $p_rps req/s (median $p_p50 ms); ratio $(awk -v p="$p_rps" -v s="$s_rps" 'BEGIN { printf "%.2f", p / s }')"
done
check_signing_page

say "wrk outputs"
for round in $(seq 1 "$ROUNDS"); do
  for name in stock signing; do
    echo "--- $name, round $round (measured)"
    cat "$WORK/results/$name-$round.txt"
  done
done

say "machine at the end"
machine_load | tee "$WORK/load-after.txt"
if grep -v -E 'https port|^\s*$' "$WORK/portal.log" | grep -q .; then
  echo "portal log (warnings and above):"
  sed 's/^/  /' "$WORK/portal.log" | head -40
fi

say "summary"
stock_rps=$(cut -d' ' -f1 "$WORK/stock.figures" | median)
stock_p50=$(cut -d' ' -f2 "$WORK/stock.figures" | median)
portal_rps=$(cut -d' ' -f1 "$WORK/portal.figures" | median)
portal_p50=$(cut -d' ' -f2 "$WORK/portal.figures" | median)
ratio=$(awk -v p="$portal_rps" -v s="$stock_rps" 'BEGIN { printf "%.2f", p / s }')
echo "stock dotnet new blazor home page /: $stock_rps requests/s, median $stock_p50 ms"
echo "portal signing page /consent/sign/{publicId}: $portal_rps requests/s, median $portal_p50 ms"
echo "ratio (signing page / stock): $ratio (budget: at least 0.50); signing page median $portal_p50 ms (budget: under 10 ms)"
if awk -v r="$ratio" -v m="$portal_p50" 'BEGIN { exit !(r >= 0.5 && m < 10) }'; then
  echo "within budget"
else
  echo "OVER BUDGET"
  exit 1
fi
