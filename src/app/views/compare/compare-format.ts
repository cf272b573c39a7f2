/** Text for compared figures: signed duration deltas with their percentage, presence names. */
import type { Presence } from '../../../core/compare/compare-runs.ts';
import { formatDuration } from '../../../core/model/time.ts';

export function signedDuration(ns: number): string {
  if (ns === 0) return '±0';
  return `${ns > 0 ? '+' : '−'}${formatDuration(Math.abs(ns))}`;
}

export function signedPercent(fraction: number | undefined): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return '';
  const percent = Math.round(fraction * 1000) / 10;
  if (percent === 0) return '±0%';
  return `${percent > 0 ? '+' : '−'}${Math.abs(percent)}%`;
}

export const presenceText: Record<Presence, string> = {
  both: 'in both',
  'a-only': 'A only',
  'b-only': 'B only',
  neither: 'in neither',
};
