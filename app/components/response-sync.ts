/** Client-side saving of a respondent's answers: debounced drafts, a local copy, retries. */

export type SaveState = "saved" | "saving" | "offline";

export interface Snapshot {
  answers: Record<string, unknown>;
  pageNo: number;
  seq: number;
}

const idKey = (token: string) => `valuemap:${token}:responseId`;
const snapshotKey = (token: string) => `valuemap:${token}:snapshot`;

/** A random response id that works outside secure contexts too (no crypto.randomUUID there). */
function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function responseIdFor(token: string): string {
  const existing = localStorage.getItem(idKey(token));
  if (existing) return existing;
  const id = randomId();
  localStorage.setItem(idKey(token), id);
  return id;
}

export function readSnapshot(token: string): Snapshot | null {
  try {
    const raw = localStorage.getItem(snapshotKey(token));
    return raw ? (JSON.parse(raw) as Snapshot) : null;
  } catch {
    return null;
  }
}

export function writeSnapshot(token: string, snapshot: Snapshot | null): void {
  if (snapshot) localStorage.setItem(snapshotKey(token), JSON.stringify(snapshot));
  else localStorage.removeItem(snapshotKey(token));
}

export async function postRespondent(token: string, body: unknown): Promise<{ status: number; data: Record<string, unknown> }> {
  const res = await fetch(`/s/${encodeURIComponent(token)}/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: res.status, data };
}

/**
 * Saves drafts: `schedule` debounces, the newest snapshot wins, failures retry every few seconds
 * until they go through. Every snapshot is also kept in localStorage first.
 */
export class DraftSaver {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: Snapshot | null = null;
  private inFlight = false;
  stopped = false;

  constructor(
    private readonly token: string,
    private readonly responseId: string,
    private readonly locale: () => string,
    private readonly onState: (state: SaveState) => void,
    private seq: number,
  ) {}

  schedule(answers: Record<string, unknown>, pageNo: number, delay = 400): void {
    if (this.stopped) return;
    this.seq += 1;
    this.pending = { answers, pageNo, seq: this.seq };
    writeSnapshot(this.token, this.pending);
    this.onState("saving");
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  private async flush(): Promise<void> {
    this.timer = null;
    if (this.inFlight || !this.pending || this.stopped) return;
    const snapshot = this.pending;
    this.inFlight = true;
    try {
      const { status } = await postRespondent(this.token, {
        intent: "draft",
        responseId: this.responseId,
        locale: this.locale(),
        ...snapshot,
      });
      if (status >= 500 || status === 0) throw new Error(`HTTP ${status}`);
      if (this.pending === snapshot) {
        this.pending = null;
        this.onState("saved");
      }
    } catch {
      this.onState("offline");
      this.timer = setTimeout(() => void this.flush(), 3000);
    } finally {
      this.inFlight = false;
    }
    if (this.pending && this.pending !== snapshot && !this.timer) void this.flush();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
