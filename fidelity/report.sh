# The summary of regression.sh as Markdown. Sourced by regression.sh after the round trips ran.

title_of() {
  case $1 in
    anchor) echo 'pg_dump \| psql (anchor)' ;;
    schema) echo 'pgcarry schema dump \| psql' ;;
    clone) echo 'pgcarry clone' ;;
    restore) echo 'pgcarry backup, restore' ;;
    move) echo 'pgcarry move (schema by pg_dump)' ;;
  esac
}

md_cell() { local s=${1//|/\\|}; printf '%s' "${s:--}"; }

write_report() {
  local pgcarry_version commit rt k
  pgcarry_version=$("$pgcarry" --version 2>/dev/null | head -n1 || echo unknown)
  commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
  git -C "$repo" diff --quiet HEAD -- pgcarry-core pgcarry-cli pgcarry-embedded 2>/dev/null || commit="$commit (with local changes)"
  echo "# Fidelity on PostgreSQL's regression database"
  echo
  echo "Written by \`fidelity/regression.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "- machine: Debian $(cat /etc/debian_version 2>/dev/null || echo '?'), $(nproc) cores"
  echo "- server and pg_dump: $("$PGBIN/postgres" --version), source package" \
    "$(basename "$(ls "$cache"/src/*.dsc 2>/dev/null | head -n1)" .dsc)"
  echo "- pgcarry: $pgcarry_version, commit $commit"
  if [ -n "${FIDELITY_SKIP_UNMODELLED:-}" ]; then
    echo "- schema dump, clone and backup ran with \`--skip-unmodelled\` (FIDELITY_SKIP_UNMODELLED): what pgcarry refuses to carry is"
    echo "  left out, named in each command's output, and counted below as missing"
  fi
  echo "- schema dump, clone and backup ran with \`--with-privileges\` (owners, grants, default privileges), as pg_dump dumps them"
  echo "- pg_regress (parallel_schedule): $regress_summary"
  echo "- the original: $(grep -c '^-- Name: ' "$out/regression.sql") pg_dump TOC entries," \
    "$(wc -l <"$out/regression.sql") lines of \`pg_dump --schema-only\`"
  echo
  echo "Each round trip goes into a fresh empty database on the same server. *Differing lines* are the lines of"
  echo "\`diff\` between \`pg_dump --schema-only\` of the original and of the copy (0: the same schema); *objects"
  echo "missing/extra* count pg_dump TOC entries (\`-- Name: ...; Type: ...\`) of the original absent from the"
  echo "copy's dump and the other way round. *Errors* and *warnings* count the lines the commands printed as such"
  echo "(pgcarry's \`error:\` and \`warning:\`, its preflight findings, the server's \`ERROR:\` through psql)."
  echo "*Data* is \`pgcarry validate\` of the original against the copy; validated against itself, the original"
  echo "gives: $control_data (the regression tests leave some sequences behind their identity columns)."
  echo
  echo "| round trip | exit codes | errors | warnings | first error | differing lines | objects missing/extra | data |"
  echo "|---|---|---|---|---|---|---|---|"
  for rt in "${selected[@]}"; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(title_of "$rt")" "${r_exit[$rt]}" "${r_errors[$rt]}" \
      "${r_warnings[$rt]}" "$(md_cell "${r_first[$rt]}")" "${r_lines[$rt]}" "${r_objects[$rt]}" \
      "$(md_cell "${r_data[$rt]}")"
  done
  echo
  echo "Differing lines per pg_dump object kind, as *missing/extra*: lines only in the original's dump / only"
  echo "in the copy's. A line counts under the kind of the TOC entry (\`-- Name: ...; Type: KIND\`) it belongs to."
  echo
  printf '| kind |'; for rt in "${selected[@]}"; do printf ' %s |' "$(title_of "$rt")"; done; echo
  printf '|---|'; for rt in "${selected[@]}"; do printf -- '---|'; done; echo
  local kinds
  kinds=$(for rt in "${selected[@]}"; do cut -f1 "$out/$rt.kinds"; done | sort -u)
  while IFS= read -r k; do
    [ -n "$k" ] || continue
    printf '| %s |' "$k"
    for rt in "${selected[@]}"; do
      awk -F'\t' -v k="$k" '$1 == k { printf " %d/%d", $2, $3; f = 1 } END { if (!f) printf " 0" }' "$out/$rt.kinds"
      printf ' |'
    done
    echo
  done <<<"$kinds"
}
