// Browser events wait here and are applied in arrival order, in batches. A listener only queues its event;
// the queue is applied a fraction of a second later, once the stored state is back, and at once whenever
// something is about to read the state (the popup, a report), so what is read is always current.
//
// Why batches: the worker shares two busy cores with the pages it watches and the browser that routes their
// requests. Code run once per event runs cold (its caches taken by the page meanwhile) and costs several times
// what the same code costs applied to fifty events in a row.

/** Short enough for a live badge; long enough that a page's burst of requests is applied in a few batches. */
export const BATCH_MS = 200;

export class EventQueue {
  /** Handler, argument, handler, argument…: no object or closure made per event. */
  private items: unknown[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private started = false;

  constructor(private readonly delayMs = BATCH_MS) {}

  /** Queues `handler(arg)`; it runs after the events queued before it. */
  push<T>(handler: (arg: T) => void, arg: T): void {
    this.items.push(handler, arg);
    if (this.started) this.timer ??= setTimeout(this.drain, this.delayMs);
  }

  /** The state is back: applies what was queued meanwhile, and from now on every batch. */
  start(): void {
    this.started = true;
    this.drain();
  }

  /** Applies every queued event now (nothing before `start`). One failing event does not stop the others. */
  readonly drain = (): void => {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (!this.started) return;
    // Events queued while these run (a handler may queue more) wait for the next batch, in order.
    const items = this.items;
    this.items = [];
    for (let i = 0; i < items.length; i += 2) {
      try {
        (items[i] as (arg: unknown) => void)(items[i + 1]);
      } catch (error) {
        console.error('Vigie:', error);
      }
    }
  };
}
