import {
  duplicateKeys,
  earlierResponse,
  medianOfSorted,
  responseFlags,
  type QualityInput,
  type ResponseFlagsContext,
} from "../../../analysis/index";
import { qualityInputOf, type AnalysisRespondent } from "../../../db/queries/analysis-respondents";
import { positionInIdOrder } from "./id-order";

/**
 * The data-quality flags of a study's held respondents, kept by difference (issue 23). Two flags
 * depend on the other responses: `speeder` on the median completion time of all of them, and
 * `duplicate` on the original (earliest) response under each device cookie and invitation. The
 * state keeps the completion times sorted and the originals by key, so a new response moves only
 * what it can move: itself, the original it displaces, and the responses whose time lies between
 * the old and the new third of the median. The other two flags are the response's own. The flags
 * equal `flagResponses` over every respondent (the same `responseFlags` per response).
 */
export interface QualityState {
  /**
   * Counts `fresh` (already in `next`, id order, flags still empty) and sets in `next` a new
   * object for every respondent whose flags this changes; their ids.
   */
  add(next: AnalysisRespondent[], fresh: readonly AnalysisRespondent[]): number[];
}

const sameFlags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((f, i) => f === b[i]);

/** The first index whose value is at least `x` (`values` ascending). */
function lowerBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of respondent `id` in `list` (id order), -1 when absent. */
function indexOfId(list: readonly AnalysisRespondent[], id: number): number {
  const at = positionInIdOrder(list.length, (i) => list[i]!.id, id);
  return at < list.length && list[at]!.id === id ? at : -1;
}

/** Whether the duplicate flag can concern `r` (it has a device cookie or an invitation). */
const hasDuplicateKeys = (r: Pick<AnalysisRespondent, "deviceId" | "invitationId">) => Boolean(r.deviceId) || (r.invitationId !== null && r.invitationId !== undefined);

class HeldQuality implements QualityState {
  /**
   * The inputs of the respondents with a device cookie or an invitation: the originals are
   * compared by identity, so theirs are made once and kept. The others' are made when needed
   * (a cold report keeps no input for each of 100k respondents).
   */
  private readonly inputs = new Map<number, QualityInput>();
  /** completion times ascending, and the respondent of each */
  private durations: number[] = [];
  private durationIds: number[] = [];
  private readonly originals = new Map<string, QualityInput>();
  private median: number | null = null;

  constructor(private readonly ownId: string) {}

  private inputOf(r: AnalysisRespondent): QualityInput {
    if (!hasDuplicateKeys(r)) return qualityInputOf(r);
    let input = this.inputs.get(r.id);
    if (input === undefined) {
      input = qualityInputOf(r);
      this.inputs.set(r.id, input);
    }
    return input;
  }

  /** Counts every respondent afresh; the respondents with their flags (a new object where the flags differ from those they carry). */
  fill(respondents: readonly AnalysisRespondent[]): AnalysisRespondent[] {
    // Completion times and positions in two arrays of numbers (no pair per respondent), sorted by time.
    const times: number[] = new Array<number>(respondents.length);
    const timed: number[] = [];
    respondents.forEach((r, i) => {
      const durationMs = r.completedAt - r.startedAt;
      times[i] = durationMs;
      // (qualityInputOf's durationMs is never null: completedAt and startedAt are numbers.)
      timed.push(i);
      if (hasDuplicateKeys(r)) this.countOriginal(this.inputOf(r));
    });
    timed.sort((a, b) => times[a]! - times[b]! || a - b);
    this.durations = timed.map((i) => times[i]!);
    this.durationIds = timed.map((i) => respondents[i]!.id);
    this.median = medianOfSorted(this.durations);
    const context = this.context();
    return respondents.map((r) => {
      const flags = responseFlags(this.inputOf(r), context);
      return sameFlags(r.flags, flags) ? r : { ...r, flags };
    });
  }

  add(next: AnalysisRespondent[], fresh: readonly AnalysisRespondent[]): number[] {
    const affected = new Set<number>();
    for (const r of fresh) {
      const input = this.inputOf(r);
      affected.add(r.id);
      if (input.durationMs !== null) {
        const at = lowerBound(this.durations, input.durationMs);
        this.durations.splice(at, 0, input.durationMs);
        this.durationIds.splice(at, 0, r.id);
      }
      const displaced = this.countOriginal(input);
      for (const seen of displaced) affected.add(Number(seen.id));
    }
    const before = this.median;
    this.median = medianOfSorted(this.durations);
    if (before !== this.median) {
      // `speeder` by the median is `time < median / 3`: it flips for the times between the two thirds.
      const from = before === null || this.median === null ? 0 : lowerBound(this.durations, Math.min(before, this.median) / 3);
      const to = before === null || this.median === null ? this.durations.length : lowerBound(this.durations, Math.max(before, this.median) / 3);
      for (let i = from; i < to; i += 1) affected.add(this.durationIds[i]!);
    }
    const context = this.context();
    const changed: number[] = [];
    for (const id of affected) {
      const at = indexOfId(next, id);
      if (at < 0) continue;
      const r = next[at]!;
      const flags = responseFlags(this.inputOf(r), context);
      if (!sameFlags(r.flags, flags)) {
        next[at] = { ...r, flags };
        changed.push(id);
      }
    }
    return changed;
  }

  /** Makes `input` the original under its keys where it is earlier; the originals it displaced. */
  private countOriginal(input: QualityInput): QualityInput[] {
    const displaced: QualityInput[] = [];
    for (const key of duplicateKeys(input)) {
      const seen = this.originals.get(key);
      if (!seen || earlierResponse(input, seen)) {
        this.originals.set(key, input);
        if (seen) displaced.push(seen);
      }
    }
    return displaced;
  }

  private context(): ResponseFlagsContext {
    return { median: this.median, originals: this.originals, ownId: this.ownId, minRowRatings: 3 };
  }
}

/**
 * The quality state of `respondents` (id order) and the respondents with their flags (a new
 * object where the flags differ from those they carry).
 */
export function qualityOf(respondents: readonly AnalysisRespondent[], own: string | null): { quality: QualityState; flagged: AnalysisRespondent[] } {
  const quality = new HeldQuality(own ?? "");
  return { quality, flagged: quality.fill(respondents) };
}
