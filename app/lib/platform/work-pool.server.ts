/** A job refused because the pool's workers and queue are full, or its wait ran out. */
export class PoolBusy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("busy: every worker and queue place is taken");
  }
}

/**
 * At most `workers` jobs at once, at most `queue` more waiting, each waiting at most `waitMs`:
 * beyond that `run` rejects with PoolBusy at once (or when the wait runs out), so a burst of
 * expensive requests costs a bounded amount of CPU and memory and the rest get a quick "busy".
 */
export class WorkPool {
  private running = 0;
  private readonly waiting: Array<{ start: () => void; timer: ReturnType<typeof setTimeout> }> = [];

  constructor(
    private readonly workers: number,
    private readonly queue: number,
    private readonly waitMs: number,
  ) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.workers) {
      if (this.waiting.length >= this.queue) throw new PoolBusy(Math.ceil(this.waitMs / 1000));
      await new Promise<void>((resolve, reject) => {
        const entry = {
          start: () => {
            clearTimeout(entry.timer);
            resolve();
          },
          timer: setTimeout(() => {
            const at = this.waiting.indexOf(entry);
            if (at >= 0) this.waiting.splice(at, 1);
            reject(new PoolBusy(Math.ceil(this.waitMs / 1000)));
          }, this.waitMs),
        };
        this.waiting.push(entry);
      });
    } else {
      this.running += 1;
    }
    try {
      return await job();
    } finally {
      // Hand the place straight to the next waiting job, or free it.
      const next = this.waiting.shift();
      if (next) next.start();
      else this.running -= 1;
    }
  }
}
