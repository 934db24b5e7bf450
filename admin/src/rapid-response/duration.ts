/**
 * Durations on the desk screens, in hours and minutes ("3 giờ 20 phút"), and the time left to
 * a case's deadline ("còn 3 giờ 20 phút" / "quá hạn 2 giờ 5 phút").
 */
import type { TFunction } from 'i18next';

/**
 * A duration in whole hours and minutes, in the UI's language.
 * @param minutes the duration in minutes (rounded; negative values use their magnitude)
 */
export function formatMinutes(t: TFunction, minutes: number): string {
  const total = Math.round(Math.abs(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return t('rapidResponse.duration.minutes', { m });
  if (m === 0) return t('rapidResponse.duration.hours', { h });
  return t('rapidResponse.duration.hoursMinutes', { h, m });
}

/** A figure in minutes or "no data" when null. */
export function formatFigure(t: TFunction, minutes: number | null): string {
  return minutes === null ? t('rapidResponse.figures.noData') : formatMinutes(t, minutes);
}

/**
 * The time left to a deadline, relative to `now`.
 * @returns `{ overdue, text }`: "còn 3 giờ 20 phút" before the deadline, "quá hạn 2 giờ 5 phút" after.
 */
export function timeLeft(t: TFunction, deadlineIso: string, now: number = Date.now()): { overdue: boolean; text: string } {
  const minutes = (Date.parse(deadlineIso) - now) / 60_000;
  if (minutes < 0) return { overdue: true, text: t('rapidResponse.deadline.overdueBy', { duration: formatMinutes(t, minutes) }) };
  return { overdue: false, text: t('rapidResponse.deadline.left', { duration: formatMinutes(t, minutes) }) };
}
