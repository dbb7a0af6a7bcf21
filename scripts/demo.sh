#!/usr/bin/env bash
# The main job on the bundled sample corpus: set up, ingest into ./sijill.db, say what next.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/setup-ocr.sh
export SIJILL_DB=${SIJILL_DB:-$PWD/sijill.db}
# exit 1 only means some files failed; the report says which, and the rest is stored
.venv/bin/sijill ingest examples/corpus || [ $? -eq 1 ]
.venv/bin/sijill stats
cat <<MSG

The archive is $SIJILL_DB. Try:
  .venv/bin/sijill search "salaries"
  .venv/bin/sijill search "Abu Yahya" --json
  .venv/bin/sijill show ID
  .venv/bin/sijill evaluate examples/corpus/gold.jsonl examples/corpus

To correct documents in the browser, add an editor (in another terminal) and sign in:
  .venv/bin/sijill users add NAME --role editor
MSG
# The demo ends serving the archive read-only to anyone on this machine (Ctrl-C stops it).
exec .venv/bin/sijill serve --public --host "${SIJILL_HOST:-127.0.0.1}" --port "${SIJILL_PORT:-8000}"
