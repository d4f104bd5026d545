#!/usr/bin/env bash
# Builds EcoWatch's libFuzzer targets with swiftc and runs each for a set time.
#
#   Fuzz/run.sh [TARGET ...] [SECONDS]     default: every target, 60 s each
#   Fuzz/run.sh toml 300                   the TOML reader for five minutes
#   Fuzz/run.sh --build-only [TARGET ...]  build, do not run
#   Fuzz/run.sh --list                     the targets
#
# Targets: toml (Core's TOML reader), csv (Core's CSV reader), dataset (the data set's
# per-file parsers), theme (theme file → Theme), hj212 (the HJ 212 frame decoder; skipped when
# Sources/EcoWatchFeed/HJ212 is absent). Each target's harness is Fuzz/Targets/<Name>Fuzz.swift
# and says which invariants it checks beyond "does not trap".
#
# How a target is built: without SwiftPM (which cannot add -sanitize=fuzzer to one product),
# by compiling the few project source files it needs together with its harness and
# Fuzz/Targets/FuzzSupport.swift into ONE module, so the harness can call `internal` API
# (`DataSetLoader.parseStations`, `Theme.load(entries:…)`). No target needs GRDB or SwiftNIO.
# The theme target mixes Core's and UI's files in one module: UI files are copied to
# .build-fuzz/src/theme/ with their `import EcoWatchCore` line removed (a module cannot import
# itself); nothing else is changed.
#
# Runs: one target at a time, under `nice -n ${FUZZ_NICE:-10}`. The fuzzer's working corpus is
# .build-fuzz/corpus/<target>/ (new inputs go there); the seeds in Fuzz/corpus/<target>/ are
# read, never written. A crash, a hang (-timeout=2 s) or an out-of-memory stops that target
# and leaves the input in .build-fuzz/artifacts/<target>/; reproduce it with
#   .build-fuzz/<target>-fuzz .build-fuzz/artifacts/<target>/crash-…
# and minimise it with -minimize_crash=1 -runs=10000. The script exits 1 if any target failed.
#
# Needs: a Swift toolchain whose swiftc supports -sanitize=fuzzer,address (Linux), and lld.

set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT=.build-fuzz
ALL_TARGETS=(toml csv dataset theme hj212)
SWIFTC=${SWIFTC:-swiftc}
FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -use-ld=lld)

# Prints the source files of target $1, separated by spaces; returns 1 when they are not in the tree.
sources() {
    case "$1" in
    toml) echo Sources/EcoWatchCore/Import/TOML.swift Sources/EcoWatchCore/Model/Day.swift ;;
    csv) echo Sources/EcoWatchCore/Import/CSV.swift ;;
    dataset) echo Sources/EcoWatchCore/{Model,Text,Standards,Import}/*.swift Sources/EcoWatchCore/Evaluation/ReportingPrecision.swift ;;
    theme)
        mkdir -p "$OUT/src/theme"
        rm -f "$OUT"/src/theme/*.swift
        for f in Sources/EcoWatchUI/Canvas/Style.swift \
                 Sources/EcoWatchUI/Theme/{Theme,ThemeColor,ThemeError,ThemeLoader}.swift; do
            sed '/^import EcoWatchCore$/d' "$f" > "$OUT/src/theme/$(basename "$f")"
        done
        echo Sources/EcoWatchCore/Import/{TOML,SourceText,KeySuggestion}.swift \
             Sources/EcoWatchCore/Model/Day.swift "$OUT"/src/theme/*.swift ;;
    hj212)
        # The codec's files import nothing from Core.
        [ -d Sources/EcoWatchFeed/HJ212 ] || return 1
        echo Sources/EcoWatchFeed/HJ212/*.swift ;;
    *) return 1 ;;
    esac
}

harness() {
    case "$1" in
    toml) echo Fuzz/Targets/TOMLFuzz.swift ;;
    csv) echo Fuzz/Targets/CSVFuzz.swift ;;
    dataset) echo Fuzz/Targets/DataSetFuzz.swift ;;
    theme) echo Fuzz/Targets/ThemeFuzz.swift ;;
    hj212) echo Fuzz/Targets/HJ212Fuzz.swift ;;
    esac
}

# Per-target libFuzzer options: the longest input worth trying, and a dictionary.
max_len() { case "$1" in hj212) echo 1100 ;; *) echo 65536 ;; esac; }
dict() {
    case "$1" in
    toml | theme) echo Fuzz/dict/toml.dict ;;
    csv) echo Fuzz/dict/csv.dict ;;
    dataset) cat Fuzz/dict/csv.dict Fuzz/dict/toml.dict > "$OUT/dataset.dict"; echo "$OUT/dataset.dict" ;;
    hj212) echo Fuzz/dict/hj212.dict ;;
    esac
}

build() {
    local target=$1 files
    if ! files=$(sources "$target"); then
        echo "== $target: skipped (its sources are not in this tree)"
        return 2
    fi
    echo "== $target: building $OUT/$target-fuzz"
    # shellcheck disable=SC2086 # $files is a list of paths without spaces
    "$SWIFTC" "${FLAGS[@]}" -module-name "EcoWatchFuzz_$target" $files \
        Fuzz/Targets/FuzzSupport.swift "$(harness "$target")" -o "$OUT/$target-fuzz" || return 1
}

# The whole run is one function, read by bash before it starts: editing this file while it
# runs cannot change what the run does.
main() {
    local SECONDS_EACH=60 BUILD_ONLY=0 TARGETS=() SUMMARY=() FAILED=0 built
    for arg in "$@"; do
        case "$arg" in
        --build-only) BUILD_ONLY=1 ;;
        --list) printf '%s\n' "${ALL_TARGETS[@]}"; return 0 ;;
        -h | --help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; return 0 ;;
        *[!0-9]*)
            [[ " ${ALL_TARGETS[*]} " == *" $arg "* ]] || { echo "run.sh: unknown target \"$arg\" (targets: ${ALL_TARGETS[*]})" >&2; return 2; }
            TARGETS+=("$arg") ;;
        *) SECONDS_EACH=$arg ;;
        esac
    done
    [ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")
    mkdir -p "$OUT"

    for target in "${TARGETS[@]}"; do
        built=0
        build "$target" || built=$?
        if [ "$built" = 2 ]; then
            SUMMARY+=("$(printf '%-8s %s' "$target" "skipped: sources not in this tree")")
            continue
        elif [ "$built" != 0 ]; then
            SUMMARY+=("$(printf '%-8s %s' "$target" "FAILED to build")")
            FAILED=1
            continue
        fi
        [ "$BUILD_ONLY" = 1 ] && continue
        work="$OUT/corpus/$target" artifacts="$OUT/artifacts/$target" log="$OUT/$target.log"
        mkdir -p "$work" "$artifacts"
        before=$(ls "$artifacts" | wc -l)
        echo "== $target: fuzzing for ${SECONDS_EACH} s (log: $log)"
        status=0
        nice -n "${FUZZ_NICE:-10}" "$OUT/$target-fuzz" "$work" "Fuzz/corpus/$target" \
            -max_total_time="$SECONDS_EACH" -max_len="$(max_len "$target")" -timeout=2 \
            -rss_limit_mb=2048 -dict="$(dict "$target")" -artifact_prefix="$artifacts/" \
            -print_final_stats=1 > "$log" 2>&1 || status=$?
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
        rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
        found=$(( $(ls "$artifacts" | wc -l) - before ))
        corpus=$(ls "$work" | wc -l)
        line=$(printf '%-8s %4ss  %10s execs  %6s/s  cov %5s  corpus %5s  crashes %s' "$target" \
            "$SECONDS_EACH" "${execs:-?}" "${rate:-?}" "${cov:-?}" "$corpus" "$found")
        if [ "$status" != 0 ] || [ "$found" != 0 ]; then
            FAILED=1
            line+="  FAILED (exit $status): $(grep -m1 -E '^==[0-9]+==ERROR|INVARIANT BROKEN|Fatal error|ALARM: working on the last Unit' "$log" || true)"
            line+="  input: $(ls -t "$artifacts" | head -1)"
        fi
        echo "$line"
        SUMMARY+=("$line")
    done

    if [ "$BUILD_ONLY" = 0 ]; then
        echo
        echo "summary (crashes include hangs and out-of-memory):"
        printf '%s\n' "${SUMMARY[@]}"
    fi
    return "$FAILED"
}

main "$@"
exit $?
