/** Client-side saving of a respondent's answers: debounced drafts, a local copy, retries. */
import type { Stage } from "../../surveys/stage";
// Types only: the contract's zod schemas stay out of the page's scripts (the server parses with them).
import type { ApiError, BodyWithoutProof, ProofAnswer, ReplyTo, RespondentBody, RespondentCommon, RespondentIntent, StartAnswer } from "~/lib/fieldwork/respondent-contract";

export type SaveState = "saved" | "saving" | "offline";

export interface Snapshot {
  answers: Record<string, unknown>;
  pageNo: number;
  seq: number;
}

/**
 * Local storage is per questionnaire link: the public rating link keeps its original keys
 * (`valuemap:<token>:…`), the focus-group stage and each personal invitation get their own.
 */
export function storageScope(token: string, stage: Stage, invite: string | null): string {
  return [token, stage === "focus_group" ? "fg" : "", invite ? `i-${invite}` : ""].filter(Boolean).join(":");
}
const idKey = (scope: string) => `valuemap:${scope}:responseId`;
const snapshotKey = (scope: string) => `valuemap:${scope}:snapshot`;
const startKey = (scope: string) => `valuemap:${scope}:start`;
const completeKey = (scope: string) => `valuemap:${scope}:complete`;

function readJson<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}
function writeJson(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or disabled: the server copy still holds what was acknowledged */
  }
}

/** The last `start` answer (questionnaire and saved state), so a reload while offline can resume. */
export const readCachedStart = (scope: string) => readJson<StartAnswer>(startKey(scope));
export const writeCachedStart = (scope: string, data: StartAnswer | null) => writeJson(startKey(scope), data);
/** A completion not yet acknowledged: sent again at the next visit. */
export const readPendingComplete = (scope: string) => readJson<Record<string, unknown>>(completeKey(scope));
export const writePendingComplete = (scope: string, answers: Record<string, unknown> | null) => writeJson(completeKey(scope), answers);

/** A random response id that works outside secure contexts too (no crypto.randomUUID there). */
function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function responseIdFor(scope: string): string {
  const existing = localStorage.getItem(idKey(scope));
  if (existing) return existing;
  const id = randomId();
  localStorage.setItem(idKey(scope), id);
  return id;
}

/** Adopts the response id the server answered with (a personal link resumed on another device). */
export function adoptResponseId(scope: string, id: string): void {
  if (localStorage.getItem(idKey(scope)) === id) return;
  localStorage.setItem(idKey(scope), id);
  writeSnapshot(scope, null);
}

export function readSnapshot(scope: string): Snapshot | null {
  try {
    const raw = localStorage.getItem(snapshotKey(scope));
    return raw ? (JSON.parse(raw) as Snapshot) : null;
  } catch {
    return null;
  }
}

export function writeSnapshot(scope: string, snapshot: Snapshot | null): void {
  if (snapshot) localStorage.setItem(snapshotKey(scope), JSON.stringify(snapshot));
  else localStorage.removeItem(snapshotKey(scope));
}

/** The respondent API's answer to a request of intent `I`: its HTTP status and its body, as the contract types them. */
export interface Reply<I extends RespondentIntent> {
  status: number;
  data: ReplyTo<I>;
}
/** A request body of intent `I` (with or without the page proof). */
type Body<I extends RespondentIntent, B = RespondentBody> = B extends { intent: I } ? B : never;

/**
 * An answer's JSON as the contract (respondent-contract.ts) types it. The page trusts its own
 * server's JSON without parsing it again (test/app/respondent-contract.test.ts holds the server to
 * the contract's schemas); a body that is no JSON object with `ok` (a proxy's error page) reads
 * as an ApiError.
 */
async function readAnswer<T>(res: Response): Promise<T | ApiError> {
  const data: unknown = await res.json().catch(() => null);
  if (typeof data === "object" && data !== null && typeof (data as { ok?: unknown }).ok === "boolean") return data as T;
  return { ok: false, error: `HTTP ${res.status}` };
}

/** Posts to the respondent API; a network failure (offline) throws. */
export async function postRespondent<I extends RespondentIntent>(token: string, body: Body<I>): Promise<Reply<I>> {
  const res = await fetch(`/s/${encodeURIComponent(token)}/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, data: await readAnswer<ReplyTo<I>>(res) };
}

/**
 * The page proof `start` and `complete` carry (app/lib/fieldwork/page-proof.server.ts): the one the
 * page came with, and a fresh one from `GET /s/:token/responses` when the server answers that it
 * has expired (a page left open for hours, a completion sent when the phone is back online).
 */
export class PageProof {
  constructor(
    private readonly token: string,
    private value: string,
  ) {}

  /** Posts `body` with the proof; once more with a fresh proof when the server refuses the old one. */
  async post<I extends RespondentIntent>(body: Body<I, BodyWithoutProof>): Promise<Reply<I>> {
    const withProof = () => ({ ...body, proof: this.value }) as Body<I>;
    const first = await postRespondent<I>(this.token, withProof());
    if (first.status !== 403 || first.data.ok || !("reason" in first.data) || first.data.reason !== "proof") return first;
    const res = await fetch(`/s/${encodeURIComponent(this.token)}/responses`, { headers: { Accept: "application/json" } });
    const fresh = await readAnswer<ProofAnswer>(res);
    if (!fresh.ok) return first;
    this.value = fresh.proof;
    return postRespondent<I>(this.token, withProof());
  }
}

/**
 * Saves drafts: `schedule` debounces, the newest snapshot wins, failures (offline) retry every few
 * seconds and at once when the browser comes back online (`retryNow`) until they go through.
 * Every snapshot is also kept in localStorage first, so a reload resumes from it.
 */
export class DraftSaver {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: Snapshot | null = null;
  private inFlight = false;
  stopped = false;

  constructor(
    private readonly token: string,
    private readonly scope: string,
    private readonly request: () => RespondentCommon,
    private readonly onState: (state: SaveState) => void,
    private seq: number,
  ) {}

  schedule(answers: Record<string, unknown>, pageNo: number, delay = 400): void {
    if (this.stopped) return;
    this.seq += 1;
    this.pending = { answers, pageNo, seq: this.seq };
    writeSnapshot(this.scope, this.pending);
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
      const { status } = await postRespondent<"draft">(this.token, { intent: "draft", ...this.request(), ...snapshot });
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

  /** Tries a waiting save at once (the browser came back online). */
  retryNow(): void {
    if (this.stopped || !this.pending || this.inFlight) return;
    if (this.timer) clearTimeout(this.timer);
    void this.flush();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
