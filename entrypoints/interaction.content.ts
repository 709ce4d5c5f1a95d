// Reports the visitor's first click, key press or scroll to the background, once per document: requests made
// before it were made before the person could consent.
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  runAt: 'document_start',
  main() {
    // Not 'scroll': pages scroll themselves (restoring a position on load); the person's scrolling comes
    // through the wheel, touch or keys.
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    const report = (event: Event) => {
      if (!event.isTrusted) return; // a page's own synthetic events are not the person's consent
      for (const type of events) removeEventListener(type, report, true);
      // The event's own time, as epoch milliseconds, comparable with webRequest's timeStamp.
      void browser.runtime.sendMessage({ type: 'vigie/interaction', at: performance.timeOrigin + event.timeStamp }).catch(() => {});
    };
    for (const type of events) addEventListener(type, report, { capture: true, passive: true });
  },
});
