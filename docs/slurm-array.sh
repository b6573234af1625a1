#!/bin/bash
# A large trapworld sweep as a Slurm array job: one task per shard (see docs/benchmarking.md).
#
#   jid=$(sbatch --parsable docs/slurm-array.sh)
#   sbatch --dependency=afterany:$jid --wrap 'npx trapworld merge results/shard-* --out results/merged'
#
# Run from the repository after `npm ci`. Keep --array=1-N and SHARDS equal: the task id is the shard
# number (shards are numbered 1..N). Every shard runs with the same arguments.
#SBATCH --job-name=trapworld-sweep
#SBATCH --array=1-8
#SBATCH --cpus-per-task=8
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --requeue
#SBATCH --output=logs/%x-%A_%a.out
set -u

SHARDS=8
SHARD=${SLURM_ARRAY_TASK_ID:?run this with sbatch}
cd "${SLURM_SUBMIT_DIR:-.}"

# --resume: a requeued (preempted) task continues where it stopped; SIGTERM stops the bench cleanly.
node --single-threaded-gc bin/trapworld.js bench --envs all --agents all --seeds 2000 --episodes 5 \
  --shard "$SHARD/$SHARDS" --workers "${SLURM_CPUS_PER_TASK:-1}" \
  --out "results/shard-$SHARD" --resume
status=$?
# 1 = the shard is complete but some runs failed (error rows): the merge reports them.
if [ "$status" -eq 1 ]; then exit 0; fi
exit "$status"
