/**
 * One task of a run split into tasks, in this process: what `winnow step` does wherever an executor runs
 * it (a local process, a Slurm array task, a Kubernetes indexed pod). The task reads the plan from the work
 * directory, runs in the directory the run was started from, has worker threads of its own for the page
 * work (no pass cache: learn and clean of a shard run in different processes) and writes the run's
 * outputs into its output directory; its files reach the disk before its completion marker.
 */
import { partFiles } from '../output/part-files.js';
import { loadPlan, readRequest } from '../steps/plan.js';
import { runTask, type Job, type PageWorkers, type Plan, type Step } from '../steps/step.js';
import type { WorkDir } from '../work/layout.js';
import { WorkerPool, workerCount } from '../workers/pool.js';

export async function runTaskHere(work: WorkDir, step: Step, rank: number, concurrency: number | null): Promise<'done' | 'skipped'> {
  const request = readRequest(work);
  process.chdir(request.cwd);
  let plan: Plan | null = null;
  let workers: PageWorkers | null = null;
  const size = workerCount(concurrency);
  const job: Job = {
    work,
    world: request.tasks,
    plan: () => (plan ??= loadPlan(work)),
    env: {
      workers: () =>
        (workers ??= { pool: new WorkerPool({ size, pageTimeoutMs: request.settings.pageTimeoutMs }), passCache: null, concurrency: size }),
      outputs: partFiles(request.out),
      inspection: null,
      durable: true,
    },
  };
  try {
    return await runTask(step, job, rank);
  } finally {
    await (workers as PageWorkers | null)?.pool.close();
  }
}
