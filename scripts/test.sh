#!/usr/bin/env bash
# Run the whole test suite: first on SQLite (the embedded default), then the same suite
# on PostgreSQL with Redis as cache when they are available. Under CI=true the
# PostgreSQL leg and the browser tests are required; elsewhere they are skipped with a
# message saying how to enable them.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTEST=".venv/bin/pytest"
# Both cores: pytest-xdist gives each worker its own test database and browser.
WORKERS="${MEDVIRK_TEST_WORKERS:-auto}"
status=0

run_pytest() {
  "$PYTEST" "$@"
  local code=$?
  # 5 means "no tests collected": treat as failure, a leg must run tests.
  if [ "$code" -ne 0 ]; then status=$code; fi
}

echo "== Lint and types"
.venv/bin/ruff check . || status=1
.venv/bin/ruff format --check . || status=1
.venv/bin/mypy medvirk config || status=1

echo "== Test suite on SQLite"
run_pytest -p no:cacheprovider -n "$WORKERS"

pg_url="${MEDVIRK_TEST_DATABASE_URL:-}"
redis_url="${MEDVIRK_TEST_REDIS_URL:-}"
if [ -n "$pg_url" ]; then
  echo "== Test suite on PostgreSQL${redis_url:+ with Redis cache}"
  DATABASE_URL="$pg_url" REDIS_URL="$redis_url" MEDVIRK_REQUIRE_REDIS="${redis_url:+1}" \
    run_pytest -p no:cacheprovider -n "$WORKERS" --ignore=medvirk/algorithms \
    --ignore=medvirk/core/tests/test_topology.py
  # The production topology (nginx, two app servers, a worker) on its own, so that the
  # figures it prints (-s) appear in the output.
  echo "== Production topology on PostgreSQL with Redis"
  DATABASE_URL="$pg_url" REDIS_URL="$redis_url" MEDVIRK_REQUIRE_REDIS="${redis_url:+1}" \
    run_pytest -p no:cacheprovider -q -s medvirk/core/tests/test_topology.py
elif [ "${CI:-}" = "true" ]; then
  echo "CI=true but MEDVIRK_TEST_DATABASE_URL is not set: the PostgreSQL leg must run in CI." >&2
  status=1
else
  echo "== PostgreSQL leg SKIPPED: set MEDVIRK_TEST_DATABASE_URL=postgres://USER:PASSWORD@127.0.0.1:5432/medvirk"
  echo "   (and MEDVIRK_TEST_REDIS_URL=redis://127.0.0.1:6379/0) to run the suite on PostgreSQL and Redis,"
  echo "   or run 'bash .ci/run' as root, which installs and starts both."
fi
exit $status
