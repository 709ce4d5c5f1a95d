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
  /** What each tab's badge shows: grade, score and third parties (its title is made from them). */
  private readonly shown = new Map<number, string>();

  /** `title` puts the figures into words; it is asked for only when they changed. */
  constructor(private readonly title: (grade: Grade, score: number, thirdParties: number) => string) {
    // The letter is white on every grade's colour: set once for all tabs.
    void action.setBadgeTextColor?.({ color: '#ffffff' })?.catch(() => {});
  }

  show(tabId: number, grade: Grade, score: number, thirdParties: number): void {
    const key = `${grade} ${score} ${thirdParties}`;
    const previous = this.shown.get(tabId);
    if (previous === key) return;
    this.shown.set(tabId, key);
    const calls: Array<Promise<unknown>> = [action.setTitle({ tabId, title: this.title(grade, score, thirdParties) })];
    if (previous?.split(' ')[0] !== grade) {
      calls.push(action.setBadgeText({ tabId, text: grade }), action.setBadgeBackgroundColor({ tabId, color: GRADE_COLOURS[grade] }));
    }
    void Promise.all(calls).catch(() => this.shown.delete(tabId));
  }

  clear(tabId: number, title: string): void {
    this.shown.delete(tabId);
    void Promise.all([action.setBadgeText({ tabId, text: '' }), action.setTitle({ tabId, title })]).catch(() => {});
  }
}
