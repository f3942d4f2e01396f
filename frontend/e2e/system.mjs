// Starts and stops the system under test: the run command's jar (embedded PostgreSQL and Redis,
// the API serving the built front end, the job master, no in-process workers) plus one separate
// worker process, so a test can stop the workers. Everything is bounded in time.
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value or `timeoutMs` passes; returns the value or throws. */
export async function waitFor(what, check, timeoutMs, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
}

/** A child process with its output in a log file, stopped by its own id (and its process group). */
class Child {
  constructor(name, command, args, options, logFile) {
    this.name = name;
    this.log = logFile;
    const out = createWriteStream(logFile);
    // its own process group, so what it starts (postgres, redis-server) can be ended with it
    this.proc = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout.pipe(out);
    this.proc.stderr.pipe(out);
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve({ code, signal })));
    this.alive = true;
    this.exited.then(() => (this.alive = false));
  }

  get pid() {
    return this.proc.pid;
  }

  /** SIGTERM (the JVM's shutdown hooks stop embedded servers), then SIGKILL to the group after `graceMs`. */
  async stop(graceMs = 20_000, signal = 'SIGTERM') {
    if (this.alive) {
      try {
        process.kill(this.pid, signal);
      } catch {
        // already gone
      }
      const done = await Promise.race([this.exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!done) {
        try {
          process.kill(-this.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        await Promise.race([this.exited, sleep(5_000)]);
      }
    }
    // anything it started that outlived it in its group
    try {
      process.kill(-this.pid, 'SIGKILL');
    } catch {
      // the group is empty
    }
  }
}

export class System {
  constructor({ root, workDir, logDir, admin }) {
    this.root = root;
    this.workDir = workDir;
    this.logDir = logDir;
    this.admin = admin;
    this.children = [];
  }

  jar(path) {
    const full = join(this.root, path);
    if (!existsSync(full)) throw new Error(`${path} is missing: build it first (mvn -B -DskipTests package -pl launcher,challenge-workers -am)`);
    return full;
  }

  async start() {
    const launcherJar = this.jar('launcher/target/tixproof.jar');
    this.workerJar = this.jar('challenge-workers/target/worker.jar');
    this.port = await freePort();
    this.masterPort = await freePort();
    this.redisPort = await freePort();
    this.base = `http://127.0.0.1:${this.port}`;
    const env = {
      ...process.env,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      MASTER_PORT: String(this.masterPort),
      MASTER_HOST: '127.0.0.1',
      EMBEDDED_REDIS_PORT: String(this.redisPort),
      DATA_DIR: join(this.workDir, 'data'),
      FRONTEND_DIR: join(this.root, 'frontend', 'dist'),
      // ticket links on the address the browser uses, so the download stays on one origin
      PUBLIC_BASE_URL: this.base,
      ADMIN_EMAIL: this.admin.email,
      ADMIN_PASSWORD: this.admin.password,
      ADMIN_NAME: 'Door Staff',
      IN_PROCESS_WORKERS: '0',
      HTTP_INSTANCES: '2',
    };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const system = new Child('system', 'java', ['-jar', launcherJar], { cwd: this.workDir, env }, join(this.logDir, 'system.log'));
    this.children.push(system);
    this.system = system;
    await waitFor(
      `the system to answer on ${this.base}/health (log: ${system.log})`,
      async () => {
        if (!system.alive) throw new Error(`the system exited, see ${system.log}`);
        const res = await fetch(`${this.base}/health`);
        return res.ok;
      },
      120_000,
      500,
    );
  }

  async startWorker() {
    const env = {
      ...process.env,
      REDIS_URL: `redis://127.0.0.1:${this.redisPort}`,
      THREADS: '1',
      WORKER_ID: 'e2e-worker',
    };
    const worker = new Child(
      'worker',
      'java',
      ['--add-opens', 'java.base/sun.security.provider=ALL-UNNAMED', '-jar', this.workerJar],
      { cwd: this.workDir, env },
      join(this.logDir, 'worker.log'),
    );
    this.children.push(worker);
    this.worker = worker;
    await waitFor(
      'the worker pool to report available',
      async () => {
        if (!worker.alive) throw new Error(`the worker exited, see ${worker.log}`);
        const status = await (await fetch(`${this.base}/api/workers/status`)).json();
        return status.available && status.workers >= 1;
      },
      60_000,
      500,
    );
  }

  /** Kills the worker the way a crash would. */
  async killWorker() {
    await this.worker.stop(5_000, 'SIGKILL');
  }

  async api(path, { token, method = 'GET', body, headers = {} } = {}) {
    const res = await fetch(this.base + path, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status} ${text}`);
    return json;
  }

  async stop() {
    for (const child of [...this.children].reverse()) {
      await child.stop();
    }
  }
}

/** Reads the QR code of a ticket PDF as a door scanner would: page to image, image to text. */
export function scanTicketQr(pdfPath, workDir) {
  const prefix = join(workDir, 'ticket-page');
  execFileSync('pdftoppm', ['-r', '200', '-png', '-f', '1', '-l', '1', pdfPath, prefix], { timeout: 30_000 });
  const image = [`${prefix}-1.png`, `${prefix}-01.png`].find((p) => existsSync(p));
  if (!image) throw new Error('pdftoppm wrote no page image');
  const out = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', image], { timeout: 30_000 }).toString().trim();
  if (!out) throw new Error('no QR code found on the ticket');
  return out.split('\n')[0].trim();
}
