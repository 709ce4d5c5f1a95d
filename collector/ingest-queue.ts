// Group commit: reports arriving together are written in one transaction, so one disk sync acknowledges many
// of them. Each caller still waits for its own report to be durable before answering 202.
import type { Incoming } from './aggregate';

interface Waiting {
  item: Incoming;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class IngestQueue {
  private pending: Waiting[] = [];
  private running = 0;
  private scheduled = false;

  /**
   * @param concurrency transactions in flight at once: 1 for SQLite (one writer, and its writes block anyway); more
   *   for PostgreSQL, where a transaction mostly waits for the network and the disk.
   */
  constructor(
    private readonly write: (batch: readonly Incoming[]) => Promise<void>,
    private readonly concurrency = 1,
    private readonly maxBatch = 256,
  ) {}

  /** Resolves once the report is stored durably; rejects if it could not be. */
  add(item: Incoming): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.concurrency) return;
    this.scheduled = true;
    // After the current I/O phase: every request already read joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      while (this.running < this.concurrency && this.pending.length) void this.flush(this.pending.splice(0, this.maxBatch));
    });
  }

  private async flush(batch: Waiting[]): Promise<void> {
    this.running++;
    try {
      await this.write(batch.map((w) => w.item));
      for (const w of batch) w.resolve();
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      // One report the database refuses must not take the others down with it: retry them one by one.
      else for (const w of batch) await this.write([w.item]).then(w.resolve, w.reject);
    } finally {
      this.running--;
      if (this.pending.length) this.schedule();
    }
  }
}
