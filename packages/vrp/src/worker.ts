import { parentPort, workerData } from 'node:worker_threads';
import { compile } from './problem.js';
import { runSearch, type WorkerTask } from './solve.js';

/** Worker thread: one independent search with its own seed; cancelled through a shared flag. */
const task = workerData as WorkerTask;
const flag = task.cancel ? new Int32Array(task.cancel) : null;
const signal = {
  get aborted() {
    return flag ? Atomics.load(flag, 0) === 1 : false;
  },
};
const c = compile(task.problem);
const result = runSearch(c, task, signal, (cost) => parentPort!.postMessage({ type: 'progress', cost }));
parentPort!.postMessage({ type: 'done', result });
