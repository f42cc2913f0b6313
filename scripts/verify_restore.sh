#!/usr/bin/env bash
# Prove that a PostgreSQL backup of Regioportaal restores: restore it into a scratch database, compare the row count
# of every table with the source database, and drop the scratch database again (also when a step fails).
#
#   DATABASE_URL=postgres://user:password@host:5432/regioportaal scripts/verify_restore.sh [DUMP_FILE]
#
# Without DUMP_FILE the script first makes a fresh dump of DATABASE_URL (pg_dump, custom format) and checks that one:
# then the counts must match exactly (run it against a quiet database: a table that changes while it runs shows up
# as a difference). With DUMP_FILE (a `pg_dump -Fc` file, as docs/operations.md makes every night) it checks that
# file against the database as it is now: tables that change all day may legitimately differ, so list them in
# VERIFY_IGNORE_TABLES (comma-separated; default: django_session). Every table must exist in the restore, and every
# compared count must be equal. Exit status 0 when the restore is proven, 1 otherwise.
#
# Needs pg_dump, pg_restore, createdb, dropdb and psql of the server's major version (or newer), and a role that may
# create databases. The scratch database is called <source>_restore_check_<pid>.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL to the source database, postgres://user:password@host:port/name}"
IGNORE_TABLES=",${VERIFY_IGNORE_TABLES-django_session},"

# The URL of another database on the same server: same credentials, host and options, another name.
base=${DATABASE_URL%%\?*}
query=""
[[ "$DATABASE_URL" == *\?* ]] && query="?${DATABASE_URL#*\?}"
source_name=${base##*/}
scratch="${source_name}_restore_check_$$"
scratch_url="${base%/*}/${scratch}${query}"

workdir=$(mktemp -d)
scratch_made=0
cleanup() {
    if [ "$scratch_made" = 1 ]; then
        dropdb --maintenance-db="$DATABASE_URL" --if-exists "$scratch" || echo "could not drop $scratch" >&2
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT

dump=${1:-}
if [ -z "$dump" ]; then
    dump="$workdir/regioportaal.dump"
    echo "pg_dump of $source_name to $dump"
    pg_dump --format=custom --no-owner --no-privileges --file="$dump" "$DATABASE_URL"
elif [ ! -r "$dump" ]; then
    echo "cannot read dump file $dump" >&2
    exit 1
fi

echo "createdb $scratch"
createdb --maintenance-db="$DATABASE_URL" "$scratch"
scratch_made=1

echo "pg_restore into $scratch"
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$scratch_url" "$dump"

# Row counts of every table of the public schema, one "table count" line each, sorted by table name.
count_rows() {
    psql "$1" -X -q -tA -v ON_ERROR_STOP=1 -F ' ' -c "
        SELECT c.relname,
               (xpath('/row/n/text()',
                      query_to_xml(format('SELECT count(*) AS n FROM public.%I', c.relname), false, true, '')
               ))[1]::text::bigint
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        ORDER BY c.relname;"
}

count_rows "$DATABASE_URL" > "$workdir/source.txt"
count_rows "$scratch_url" > "$workdir/restored.txt"

failures=0
tables=0
while read -r table source_count; do
    tables=$((tables + 1))
    restored_count=$(awk -v t="$table" '$1 == t { print $2 }' "$workdir/restored.txt")
    if [ -z "$restored_count" ]; then
        echo "MISSING  $table (source: $source_count rows)"
        failures=$((failures + 1))
    elif [[ "$IGNORE_TABLES" == *",$table,"* ]]; then
        echo "ignored  $table: source $source_count, restored $restored_count"
    elif [ "$restored_count" != "$source_count" ]; then
        echo "DIFFERS  $table: source $source_count, restored $restored_count"
        failures=$((failures + 1))
    fi
done < "$workdir/source.txt"

restored_rows=$(awk '{ s += $2 } END { print s + 0 }' "$workdir/restored.txt")
if [ "$tables" = 0 ]; then
    echo "the source database has no tables" >&2
    exit 1
fi
if [ "$failures" -gt 0 ]; then
    echo "restore NOT verified: $failures of $tables tables missing or different"
    exit 1
fi
echo "restore verified: $tables tables, $restored_rows rows, every count equal (scratch database dropped)"
