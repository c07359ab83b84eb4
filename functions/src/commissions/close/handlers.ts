/** The close's Step Functions tasks, one export per Task state (see machine.ts). */
export { compute, fail, lock, publish, snapshot, writeChunk } from './tasks.js';
