// ISO week arithmetic for retention and for refusing reports from the future: weeks are the only time a report has.
import { isoWeek } from '../utils/anonymise';
import { WEEK_PATTERN } from '../utils/report-schema';

const DAY = 86_400_000;

/** Monday 00:00 UTC of an ISO week such as 2026-W48. */
export function mondayOf(week: string): number {
  const m = WEEK_PATTERN.exec(week);
  if (!m) throw new Error(`not an ISO week: ${week}`);
  const year = Number(m[1]);
  // 4 January is always in week 1; its week's Monday starts the ISO year.
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = new Date(jan4).getUTCDay() || 7;
  return jan4 - (jan4Weekday - 1) * DAY + (Number(m[2]) - 1) * 7 * DAY;
}

export function currentWeek(now = Date.now()): string {
  return isoWeek(new Date(now))!;
}

/** The ISO week `weeks` weeks before the one holding `now`. */
export function weeksAgo(weeks: number, now = Date.now()): string {
  return isoWeek(new Date(now - weeks * 7 * DAY))!;
}

/**
 * A week that has not started anywhere on Earth yet (a day of slack for time zones ahead of UTC): a report
 * from it is a forgery or a broken clock.
 */
export function isFutureWeek(week: string, now = Date.now()): boolean {
  return mondayOf(week) > now + DAY;
}
