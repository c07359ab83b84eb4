import { spawnSync } from 'node:child_process';

export const JAVA_HINT =
  'DynamoDB Local needs Java 17 or newer. Install it (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; macOS: brew install openjdk@17) and run again.';

/** The major version of `java` on the PATH, or null when there is none. */
export function javaMajorVersion(): number | null {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return null;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return null;
  const major = Number(match[1]);
  // Java 8 and older report "1.8".
  return major === 1 ? Number(match[2]) : major;
}

export function checkJava(): string | null {
  const major = javaMajorVersion();
  if (major === null) return `Java was not found. ${JAVA_HINT}`;
  if (major < 17) return `Java ${major} is too old. ${JAVA_HINT}`;
  return null;
}
