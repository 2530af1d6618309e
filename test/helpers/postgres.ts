import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./app-server";

/**
 * A real PostgreSQL server for the tests, started by the test run itself: Debian's `postgresql`
 * package (installed by .ci/run), a fresh cluster in a temporary directory, on a free port, with
 * trust authentication on 127.0.0.1 only. Missing binaries are an error with a clear message,
 * never a silent skip.
 */
export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** Runs SQL through psql and returns its unaligned output (`-At`). */
  psql: (sql: string, database?: string) => string;
  /** Creates an empty database and returns its URL. */
  createDatabase: (name: string) => string;
  /** Stops the server and removes its directory (on a shared server: drops the databases this handle created). */
  stop: () => void;
}

/**
 * Names an already running server the test files may share instead of each starting one
 * (`postgres://postgres@127.0.0.1:5432/postgres`, a superuser): a vitest global setup can start
 * one with startPostgres() and set it, or a developer can point it at a local server.
 */
export const SHARED_POSTGRES_ENV = "VALUEMAP_TEST_POSTGRES_URL";

/** Where Debian puts the newest installed PostgreSQL's server binaries. */
export function postgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const dir = versions.map((v) => path.join(root, v, "bin")).find((d) => fs.existsSync(path.join(d, "initdb")));
  if (!dir) {
    throw new Error(
      "PostgreSQL server binaries not found under /usr/lib/postgresql/<version>/bin: install Debian's package (apt-get install -y postgresql); .ci/run does",
    );
  }
  return dir;
}

/** PostgreSQL refuses to run as root: run its programs as the `postgres` system user then. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

function run(command: string, args: string[], input?: string): string {
  const [cmd, argv] = asServerUser(command, args);
  const result = spawnSync(cmd, argv, { encoding: "utf8", input });
  if (result.status !== 0) throw new Error(`${path.basename(command)} failed (${result.status}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

export interface StartPostgresOptions {
  /**
   * fsync the WAL at commit as a production server does (default off: the tests' data is thrown
   * away, and a process crash loses nothing either way; bench/submit.ts turns it on so its
   * figures compare with SQLite's synchronous FULL).
   */
  fsync?: boolean;
}

/** A server of our own (startPostgres): it can also be killed and started again on its data. */
export interface OwnPostgresServer extends PostgresServer {
  /**
   * kill -9 of the server, as an out-of-memory kill or a power cut of the process would do it:
   * SIGKILL to the postmaster and every process it started (backends, WAL writer, checkpointer),
   * returning once they are all gone. Nothing is flushed or shut down cleanly.
   */
  crash: () => void;
  /** Starts the server again on its data directory (crash recovery replays the WAL); waits until it accepts connections. */
  restart: () => void;
}

/** The processes whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name, in parentheses, may hold spaces: the fields after its closing one.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      /* the process ended meanwhile */
    }
  }
  return children;
}

const alive = (pid: number) => fs.existsSync(`/proc/${pid}`) && !fs.readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");

/** SIGKILL to the postmaster of `data` (postmaster.pid) and its children; waits until they have ended. */
function killServer(data: string): void {
  const pid = Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${data}/postmaster.pid`);
  const victims = [pid, ...childrenOf(pid)];
  for (const victim of victims) {
    try {
      process.kill(victim, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
  const deadline = Date.now() + 10_000;
  while (victims.some(alive)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL processes ${victims.filter(alive).join(", ")} survived SIGKILL`);
    spawnSync("sleep", ["0.05"]);
  }
  // The dead postmaster may stay a zombie for a while (whoever inherited it reaps it late), and a
  // new postmaster takes a zombie's pid in its lock files (postmaster.pid, the socket's .lock)
  // for a running server. Dead processes hold no shared memory or socket, so the stale lock files
  // go, as a reboot would leave them.
  if (fs.existsSync(`/proc/${pid}`)) {
    fs.rmSync(path.join(data, "postmaster.pid"), { force: true });
    const socketDir = path.dirname(data);
    for (const name of fs.readdirSync(socketDir)) if (/^\.s\.PGSQL\.\d+\.lock$/.test(name)) fs.rmSync(path.join(socketDir, name), { force: true });
  }
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<OwnPostgresServer> {
  const bin = postgresBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-pg-"));
  const data = path.join(dir, "data");
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", dir]);
  fs.chmodSync(dir, 0o700);
  run(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
  const port = await freePort();
  const start = () =>
    run(path.join(bin, "pg_ctl"), [
      "-D",
      data,
      "-l",
      path.join(dir, "server.log"),
      "-w",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${options.fsync ? "on" : "off"} -c max_connections=200`,
      "start",
    ]);
  start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const handle = serverHandle(url, path.join(bin, "psql"), (name) => name);
  return {
    ...handle,
    crash: () => killServer(data),
    restart: start,
    stop: () => {
      try {
        run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** psql and createDatabase for the server at `url`; `dbName` turns a requested name into the one created. */
function serverHandle(url: string, psqlBin: string, dbName: (name: string) => string): PostgresServer & { created: string[] } {
  const at = (database: string) => {
    const u = new URL(url);
    u.pathname = `/${database}`;
    return u.toString();
  };
  const psql = (sql: string, database = new URL(url).pathname.slice(1) || "postgres") =>
    run(psqlBin, ["-d", at(database), "-v", "ON_ERROR_STOP=1", "-At", "-f", "-"], sql);
  const created: string[] = [];
  return {
    url,
    port: Number(new URL(url).port || 5432),
    psql,
    created,
    createDatabase: (name) => {
      const actual = dbName(name);
      psql(`create database "${actual}"`);
      created.push(actual);
      return at(actual);
    },
    stop: () => {},
  };
}

/**
 * The server named by VALUEMAP_TEST_POSTGRES_URL when set, shared by every test file (database
 * names get a random suffix so files never collide; stop() drops this file's databases), else a
 * server of this file's own from startPostgres(). Each test file still uses fresh databases.
 */
export async function testPostgres(): Promise<PostgresServer> {
  const shared = process.env[SHARED_POSTGRES_ENV];
  if (!shared) return startPostgres();
  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const handle = serverHandle(shared, path.join(postgresBinDir(), "psql"), (name) => `${name}_${suffix}`.slice(0, 63));
  return {
    ...handle,
    stop: () => {
      for (const name of handle.created) handle.psql(`drop database if exists "${name}" with (force)`);
    },
  };
}
