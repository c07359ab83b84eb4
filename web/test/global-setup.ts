import type { TestProject } from 'vitest/node';
import { freePorts } from '../../infra/src/local/config.js';
import { isSeeded, seedWithProgress } from '../../infra/src/local/seeding.js';
import { startLocalStack } from '../../infra/src/local/stack.js';
import { ensureWebBuild } from '../../infra/src/local/web-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    mailUrl: string;
  }
}

/** The whole local stack, in memory on free ports, with a small demo company. */
export default async function setup(project: TestProject) {
  ensureWebBuild(() => undefined);
  const ports = await freePorts();
  const stack = await startLocalStack({ config: { dataDir: null, ports } });
  if (!(await isSeeded())) await seedWithProgress(60);
  project.provide('appUrl', stack.urls.app);
  project.provide('mailUrl', stack.urls.mailViewer);
  return () => stack.stop();
}
