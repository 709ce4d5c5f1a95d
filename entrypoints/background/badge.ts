// The toolbar badge: the tab's grade letter on its colour (the letter carries the grade; colour only repeats it).
import { browser } from 'wxt/browser';
import type { Grade } from '../../utils/methodology';

/** Dark enough for white text at the badge's small size (contrast ≥ 4.5:1). */
export const GRADE_COLOURS: Record<Grade, string> = {
  A: '#1b7f3b',
  B: '#4a7a12',
  C: '#8a6a00',
  D: '#a24a00',
  E: '#b3261e',
};

// MV3 Chromium has `action`, Firefox's MV2 build `browserAction`.
const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

/**
 * Per-tab badges, touched only when what they show changes: extension API calls cost far more than comparing
 * two strings, and a busy page would otherwise repaint the same letter many times a second. A failed update
 * (the tab closed meanwhile) is of no consequence.
 */
export class Badges {
  private readonly shown = new Map<number, string>();

  show(tabId: number, grade: Grade, title: string): void {
    const key = `${grade}\n${title}`;
    const previous = this.shown.get(tabId);
    if (previous === key) return;
    this.shown.set(tabId, key);
    const calls: Array<Promise<unknown> | undefined> = [action.setTitle({ tabId, title })];
    if (previous?.split('\n')[0] !== grade) {
      calls.push(
        action.setBadgeText({ tabId, text: grade }),
        action.setBadgeBackgroundColor({ tabId, color: GRADE_COLOURS[grade] }),
        action.setBadgeTextColor?.({ tabId, color: '#ffffff' }),
      );
    }
    void Promise.all(calls).catch(() => this.shown.delete(tabId));
  }

  clear(tabId: number, title: string): void {
    this.shown.delete(tabId);
    void Promise.all([action.setBadgeText({ tabId, text: '' }), action.setTitle({ tabId, title })]).catch(() => {});
  }
}
