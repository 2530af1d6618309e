// pretest: the browser tests need Debian's Chromium, a CJK font and pdftotext (poppler-utils). Install them when missing
// (root on Debian, as on CI and the developer machines); otherwise say exactly what to run.
import { execSync } from "node:child_process";
import fs from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasFont = () => {
  try {
    execSync("dpkg -s fonts-noto-cjk", { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
const hasPdftotext = () => {
  try {
    execSync("command -v pdftotext", { stdio: "ignore", shell: "/bin/sh" });
    return true;
  } catch {
    return false;
  }
};
if (!fs.existsSync(path) || !hasFont() || !hasPdftotext()) {
  const command = "apt-get update && apt-get install -y chromium fonts-noto-cjk poppler-utils";
  if (process.getuid?.() !== 0) {
    console.error(`Browser tests need Chromium, fonts-noto-cjk and poppler-utils (pdftotext for the print tests). Run as root: ${command}`);
    process.exit(1);
  }
  console.log(`Installing Chromium for the browser tests: ${command}`);
  execSync(command, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}
