#!/usr/bin/env bash
# Shows the adversarial findings on the code before the fixes: runs every contracts/attacks/<Name>.t.sol.txt (the
# attacks written against the old API, each asserting the SAFE behaviour) on commit 4d02fef in a throwaway
# worktree. Every test must FAIL there; this script exits 0 only if all of them do.
#   AttacksOnOldRules  issue 12 (risk rules): findings 1, 2, 3, 4, 5, 7, 8
#   AttacksOnOldTrust  issue 13 (keys and holders): findings 1, 2, 3, 4, 5
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
old="${1:-4d02fef}"
dir="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$dir" >/dev/null 2>&1 || true' EXIT
git -C "$root" worktree add --detach "$dir" "$old" >/dev/null
ln -s "$root/node_modules" "$dir/node_modules"
status=0
for file in "$root"/contracts/attacks/*.t.sol.txt; do
  name="$(basename "$file" .t.sol.txt)"
  count="$(grep -c 'function test_' "$file")"
  cp "$file" "$dir/contracts/test/$name.t.sol"
  out="$(cd "$dir" && node scripts/forge.mjs test --match-contract "${name}Test" 2>&1 || true)"
  echo "$out" | grep -E '^\[(PASS|FAIL)' | sort -u
  if echo "$out" | grep -q '^\[PASS'; then echo "$name: an attack did not reproduce on $old"; status=1; continue; fi
  if echo "$out" | grep -q "Suite result: FAILED. 0 passed; $count failed"; then
    echo "$name: all $count attacks reproduce on $old (and are fixed on this commit: npm run test:contracts)"
  else
    echo "$name: expected $count failing attacks on $old"; echo "$out" | tail -5; status=1
  fi
done
exit $status
