#!/usr/bin/env bash
# Shows issue 12's findings on the code before the fix: runs contracts/attacks/AttacksOnOldRules.t.sol.txt (the
# attacks written against the old API, each asserting the SAFE behaviour) on commit 4d02fef in a throwaway
# worktree. Every test must FAIL there; this script exits 0 only if all of them do.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
old="${1:-4d02fef}"
dir="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$dir" >/dev/null 2>&1 || true' EXIT
git -C "$root" worktree add --detach "$dir" "$old" >/dev/null
ln -s "$root/node_modules" "$dir/node_modules"
cp "$root/contracts/attacks/AttacksOnOldRules.t.sol.txt" "$dir/contracts/test/AttacksOnOldRules.t.sol"
out="$(cd "$dir" && node scripts/forge.mjs test --match-contract AttacksOnOldRules 2>&1 || true)"
echo "$out" | grep -E '^\[(PASS|FAIL)' | sort -u
if echo "$out" | grep -q '^\[PASS'; then echo "an attack did not reproduce on $old"; exit 1; fi
echo "$out" | grep -q 'Suite result: FAILED. 0 passed; 7 failed' && echo "all 7 attacks reproduce on $old (and are fixed on this commit: npm run test:contracts)"
