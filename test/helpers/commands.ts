import { execFile } from "node:child_process";
import path from "node:path";
import { personEnvironment } from "./app-server";

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Runs an operator command the way `npm run <name> -- <args>` does (`node scripts/cli.mjs <name>`,
 * the compiled build/cli/<name>.js), in a person's environment plus `env`, from `cwd` (the
 * repository by default).
 */
export function runCommand(name: string, args: string[], env: Record<string, string> = {}, cwd = root): Promise<CommandRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(cwd, "scripts/cli.mjs"), name, ...args],
      { cwd, env: personEnvironment(env), maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
