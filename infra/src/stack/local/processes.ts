import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';

/**
 * A server the local stack runs as a detached process. The pid file alone is not trusted: a pid is
 * ours only while its command line still carries the component's marker, so a recycled pid is
 * never signalled.
 */
export interface ManagedProcess {
  readonly pidFile: string;
  /** A string unique to this stack's instance of the component, present in its command line. */
  readonly marker: string;
  /** Where the process runs, when its command line cannot carry a unique marker. */
  readonly cwd?: string;
}

export function runningPid(proc: ManagedProcess): number | undefined {
  if (!existsSync(proc.pidFile)) return undefined;
  const pid = Number(readFileSync(proc.pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return isOurs(pid, proc) ? pid : undefined;
}

function isOurs(pid: number, proc: ManagedProcess): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return (
      cmdline.includes(proc.marker) &&
      (proc.cwd === undefined || readlinkSync(`/proc/${pid}/cwd`) === proc.cwd)
    );
  } catch {
    return false;
  }
}

export function spawnDetached(
  proc: ManagedProcess,
  command: string,
  args: readonly string[],
  options: { logFile: string; cwd: string; env?: NodeJS.ProcessEnv },
): number {
  mkdirSync(dirname(options.logFile), { recursive: true });
  mkdirSync(dirname(proc.pidFile), { recursive: true });
  const log = openSync(options.logFile, 'a');
  try {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', log, log],
      env: options.env ?? process.env,
    });
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    child.unref();
    writeFileSync(proc.pidFile, String(child.pid));
    return child.pid;
  } finally {
    closeSync(log);
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0; /proc tells whether it really runs.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

/**
 * SIGTERM, then SIGKILL if it has not exited within `graceMs` (with `kill`, SIGKILL at once).
 * Resolves once it is gone.
 */
export async function stopProcess(proc: ManagedProcess, graceMs: number, kill = false): Promise<boolean> {
  const pid = runningPid(proc);
  if (pid === undefined) {
    rmSync(proc.pidFile, { force: true });
    return false;
  }
  if (!kill) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) {
    signal(pid, 'SIGKILL');
    // SIGKILL cannot be caught; only a process stuck in the kernel outlives this wait.
    const killDeadline = Date.now() + 10_000;
    while (alive(pid) && Date.now() < killDeadline) await sleep(50);
    if (alive(pid)) throw new Error(`process ${pid} survived SIGKILL for 10 s`);
  }
  rmSync(proc.pidFile, { force: true });
  return true;
}

/** Signals a process that may have exited a moment ago; exiting is what we wanted anyway. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** True when nothing listens on the port and we may bind it. */
export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once('error', () => resolvePromise(false));
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => resolvePromise(true));
    });
  });
}

/** The last `lines` lines of a log file, or a note that there is none yet. */
export function tail(file: string, lines: number): string {
  if (!existsSync(file)) return `(no log yet at ${file})`;
  // Only the end of the file: a broker's log grows for as long as the stack runs.
  const size = statSync(file).size;
  const length = Math.min(size, TAIL_BYTES);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  return buffer
    .toString('utf8')
    .split('\n')
    .slice(-lines - 1)
    .join('\n')
    .trimEnd();
}

const TAIL_BYTES = 256 * 1024;

/** Runs a command to completion and returns its output; throws with the output when it fails. */
export function runToCompletion(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, [...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // A download that hangs must end with an error, not stall `up` for ever.
    timeout: 15 * 60 * 1000,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${output}`);
  }
  return result.stdout;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}
