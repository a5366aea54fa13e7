#!/bin/bash
set -eo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
case "$ACTION" in
    create)
        echo hello > "$dir/file"
        grep -q hello "$dir/file" ;;
    permissions)
        touch "$dir/file"
        chmod 600 "$dir/file"
        [ "$(stat -c %a "$dir/file")" = 600 ] ;;
    *)
        echo "unknown ACTION '$ACTION'" >&2
        exit 2 ;;
esac
echo "$ACTION: ok"
