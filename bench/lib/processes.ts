/** Child processes for the harness: start a server, wait until it answers, sample its RSS, stop it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (the OS picks it; there is a small race until the child binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Last lines of stdout and stderr, for error messages. */
  output(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

/** The few variables a child needs from the harness's environment; everything else is explicit. */
export function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR'];
  return Object.fromEntries(keep.flatMap((key) => (process.env[key] ? [[key, process.env[key]!]] : [])));
}

/** Starts `node script args` with exactly `env` (see baseEnv), keeping the tail of its output. */
export function startNodeProcess(name: string, script: string, args: string[], env: Record<string, string>, cwd: string): ManagedProcess {
  const child = spawn(process.execPath, [script, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (tail.length > 60) tail.splice(0, tail.length - 60);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exitCode: number | null | undefined;
  const exit = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : 0);
      resolve();
    });
  });
  return {
    name,
    child,
    pid: child.pid ?? -1,
    output: () => tail.join('\n'),
    exited: () => exitCode !== undefined,
    async stop() {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until `ready(status)` or the timeout; fails early if the process exits. */
export async function waitForHttp(
  url: string,
  process: ManagedProcess,
  { timeoutMs = 120_000, init, ready = (status: number) => status === 200 }: { timeoutMs?: number; init?: RequestInit; ready?: (status: number) => boolean } = {},
): Promise<number> {
  const started = performance.now();
  let last = '';
  while (performance.now() - started < timeoutMs) {
    if (process.exited()) throw new Error(`${process.name} exited before it was ready:\n${process.output()}`);
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (ready(response.status)) return performance.now() - started;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${process.name} not ready at ${url} after ${timeoutMs} ms (${last}):\n${process.output()}`);
}

/** Resident set size of a process in MB, from /proc/<pid>/status (Linux); null elsewhere. */
export function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `intervalMs`; `window()` gives the max since the last call. */
export class RssSampler {
  private timer: NodeJS.Timeout;
  private overall = 0;
  private windowMax = 0;

  constructor(private readonly pid: number, intervalMs = 100) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  private sample() {
    const value = rssMb(this.pid);
    if (value === null) return;
    this.overall = Math.max(this.overall, value);
    this.windowMax = Math.max(this.windowMax, value);
  }

  /** Max RSS since the previous call (or the start), then starts a new window. */
  window(): number {
    this.sample();
    const max = this.windowMax;
    this.windowMax = rssMb(this.pid) ?? 0;
    return Math.round(max);
  }

  max(): number {
    this.sample();
    return Math.round(this.overall);
  }

  stop() {
    clearInterval(this.timer);
  }
}

export interface ScriptRun {
  exitCode: number;
  seconds: number;
  output: string;
}

/** Runs `node script args` to completion (or kills it after timeoutMs) and times it. */
export function runNodeScript(script: string, args: string[], env: Record<string, string>, cwd: string, timeoutMs: number): Promise<ScriptRun> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: string[] = [];
    child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const output = chunks.join('').split('\n').slice(-40).join('\n');
      resolve({ exitCode: code ?? (signal ? -1 : 0), seconds: (performance.now() - started) / 1000, output });
    });
  });
}
