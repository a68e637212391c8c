/**
 * Entry point of the what-if worker thread (out/what-if-worker.cjs): one what-if of a 200-node model
 * takes about half a second (the 21-point peak grid and the case's availability, `npm run bench --
 * simulate`), so the language server computes it here and its main thread keeps answering diagnostics
 * and completion. One message in (`{ id, topology, case }`), one out (`{ id, result }` or `{ id, error }`).
 */
import { parentPort } from 'node:worker_threads';
import { whatIf } from '../estimates/what-if.js';
import { answerRequests } from '../threads/worker-thread.js';
import type { WhatIfComputation } from './what-if-queue.js';

answerRequests(parentPort, (request: WhatIfComputation) => whatIf(request.topology, request.case));
