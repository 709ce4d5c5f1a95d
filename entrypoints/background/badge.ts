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

export async function showGrade(tabId: number, grade: Grade, title: string): Promise<void> {
  await Promise.all([
    action.setBadgeText({ tabId, text: grade }),
    action.setBadgeBackgroundColor({ tabId, color: GRADE_COLOURS[grade] }),
    action.setBadgeTextColor?.({ tabId, color: '#ffffff' }),
    action.setTitle({ tabId, title }),
  ]);
}

export async function clearBadge(tabId: number, title: string): Promise<void> {
  await Promise.all([action.setBadgeText({ tabId, text: '' }), action.setTitle({ tabId, title })]);
}
