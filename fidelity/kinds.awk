# Counts the lines that differ between two `pg_dump --schema-only` files, per pg_dump object kind.
#
# Run as: awk -f kinds.awk part=1 ORIGINAL part=2 COPY part=3 MARKS
# where MARKS is the output of `diff --unchanged-line-format= --old-line-format='<%dn\n'
# --new-line-format='>%dn\n' ORIGINAL COPY`: one line per differing line, `<N` for line N of the original
# only, `>N` for line N of the copy only. Each line belongs to the kind named by the last TOC comment above it
# ("-- Name: x; Type: KIND; Schema: ..."), or to "(header)" before the first one.
# Prints one line per kind: KIND<TAB>missing (in the original only)<TAB>extra (in the copy only).
# Plain POSIX awk (Debian's default awk is mawk): no ARGIND, no arrays of arrays.

function kind_of(line,    k) {
    k = line
    sub(/^-- (Data for )?Name: .*; Type: /, "", k)
    sub(/;.*$/, "", k)
    return k
}

part == 1 || part == 2 {
    if ($0 ~ /^-- (Data for )?Name: .*; Type: [^;]*;/) current[part] = kind_of($0)
    kind[part, FNR] = (part in current) ? current[part] : "(header)"
    next
}

part == 3 {
    side = substr($0, 1, 1)
    n = substr($0, 2) + 0
    if (side == "<") { k = kind[1, n]; missing[k]++ }
    else             { k = kind[2, n]; extra[k]++ }
    seen[k] = 1
}

END {
    for (k in seen) printf "%s\t%d\t%d\n", k, missing[k] + 0, extra[k] + 0
}
