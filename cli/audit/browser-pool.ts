// Fresh browsers launched ahead of need. Starting Chromium with the extension takes seconds (about 3 s on a
// 2-core machine), as long as a quarter of the observation window: each site's browser is started while the
// previous site is being observed, and closed in the background after, so the batch rarely waits for either.
import type { FreshBrowser } from './fresh-browser';

export class BrowserPool {
  private readonly waiting: Array<Promise<FreshBrowser>> = [];
  private readonly closing = new Set<Promise<void>>();
  private launched = 0;

  /**
   * @param ahead browsers kept starting or ready beyond those in use (the concurrency: one per worker)
   * @param budget browsers to start at most (the sites left), so none is started for nothing at the end
   */
  constructor(
    private readonly launch: () => Promise<FreshBrowser>,
    private readonly ahead: number,
    private budget: number,
  ) {}

  private start(): Promise<FreshBrowser> {
    this.launched++;
    const browser = this.launch();
    browser.catch(() => undefined); // rejections are seen by whoever takes it
    return browser;
  }

  private fill(): void {
    while (this.waiting.length < this.ahead && this.launched < this.budget) this.waiting.push(this.start());
  }

  /** A browser for the next site; the one after starts launching now. */
  take(): Promise<FreshBrowser> {
    this.fill();
    const next = this.waiting.shift() ?? this.start();
    this.fill();
    return next;
  }

  /** One more browser than planned (a site retried after a browser problem). */
  extend(): void {
    this.budget++;
  }

  /** Closes a used browser without making the next site wait for it. */
  release(browser: FreshBrowser): void {
    const closed = browser.close().catch(() => undefined);
    this.closing.add(closed);
    void closed.finally(() => this.closing.delete(closed));
  }

  /** Closes everything: browsers started for sites that will not come, and those still closing. */
  async shutdown(): Promise<void> {
    this.budget = 0;
    const spare = this.waiting.splice(0);
    await Promise.all(spare.map((p) => p.then((b) => b.close()).catch(() => undefined)));
    await Promise.all([...this.closing]);
  }
}
