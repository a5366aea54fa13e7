# Pieces the benchmark scripts share; sourced, with $here (the repository) and $jar set.

# Whether the jar must be built, as ./drover decides: missing, or sources newer than it.
stale() {
    [[ ! -f "$jar" ]] && return 0
    [[ -n "$(find "$here" \( -path "$here/.git" -o -name target \) -prune -o \
        \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) -newer "$jar" -print -quit)" ]]
}

# The "== machine" block every result starts with; extra lines follow from the caller.
print_machine() {
    local commit
    echo "== machine"
    echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "cpu:     $(nproc) x $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)"
    echo "memory:  $(free -g | awk '/^Mem:/ {print $2 " GiB total, " $7 " GiB available"}')"
    echo "os:      $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
    echo "java:    $(java -version 2>&1 | head -n 2 | tail -n 1)"
    if commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null); then
        git -C "$here" diff --quiet HEAD -- . ':!bench' ':!docs' || commit="$commit (with uncommitted changes)"
    else
        commit="unknown (not a git checkout)"
    fi
    echo "commit:  $commit"
    echo "load:    $(cut -d ' ' -f 1-3 /proc/loadavg) (1, 5, 15 min; other processes skew the numbers)"
}
