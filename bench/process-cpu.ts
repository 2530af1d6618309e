/**
 * CPU accounting for the submission benches (bench/submit.ts, bench/profile-submit.ts), read
 * from /proc on Linux (elsewhere every reader answers null and the benches leave the figures
 * out): a process's user and system time, the summed time of the machine's `postgres`
 * processes, and the machine's idle time. Readings are cumulative; take one before and one after
 * a load and subtract.
 */
import fs from "node:fs";

/** USER_HZ: 100 on Linux for every architecture node runs on. */
const CLOCK_TICKS = 100;

/** User and system CPU seconds. */
export interface CpuTime {
  user: number;
  system: number;
}

/** A process's command name and CPU seconds so far (/proc/<pid>/stat), or null when it cannot be read. */
export function procStat(pid: number | string | undefined): ({ name: string } & CpuTime) | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (which may hold spaces) in parentheses; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), user: Number(fields[11]) / CLOCK_TICKS, system: Number(fields[12]) / CLOCK_TICKS };
  } catch {
    return null;
  }
}

/**
 * Summed CPU seconds of every process named `postgres` on this machine (the server's backends,
 * WAL writer and checkpointer): run it with no other PostgreSQL busy. Backends that exit between
 * two readings take their time with them, so read it around a load whose connections stay open.
 */
export function postgresCpuSeconds(): CpuTime | null {
  let pids: string[];
  try {
    pids = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const sum = { user: 0, system: 0 };
  for (const pid of pids) {
    const stat = procStat(pid);
    if (stat?.name !== "postgres") continue;
    sum.user += stat.user;
    sum.system += stat.system;
  }
  return sum;
}

/** The machine's idle and total CPU time so far, summed over its CPUs (the first line of /proc/stat), in ticks. */
export function machineTicks(): { idle: number; total: number } | null {
  try {
    const fields = fs.readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already counted in user).
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
    const idleTicks = (idle ?? 0) + (iowait ?? 0);
    return { idle: idleTicks, total: (user ?? 0) + (nice ?? 0) + (system ?? 0) + idleTicks + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0) };
  } catch {
    return null;
  }
}

/** Seconds of CPU between two readings (user + system), or null when either is missing. */
export function cpuSeconds(before: CpuTime | null, after: CpuTime | null): number | null {
  return before && after ? after.user - before.user + (after.system - before.system) : null;
}

/** The share of the machine's CPU time that was idle between two readings (0..1), or null. */
export function idleShare(before: ReturnType<typeof machineTicks>, after: ReturnType<typeof machineTicks>): number | null {
  if (!before || !after || after.total <= before.total) return null;
  return (after.idle - before.idle) / (after.total - before.total);
}
