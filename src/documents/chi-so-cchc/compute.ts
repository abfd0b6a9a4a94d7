/**
 * The figures of a scoring sheet and of a ranking, computed in hundredths of a point (exact integers):
 * totals per criterion, per area and overall for the self-assessed, appraised and survey points, the points
 * earned and the index (points / maximum x 100); ranks with ties and bands.
 */
import { formatPercent } from '../../vietnamese/numbers.js';
import { toUnits, type Area, type Criterion, type FrameworkDefinition, type SubCriterion } from './framework.js';

export type ScoreEntry = {
  self?: number;
  appraised?: number;
  survey?: number;
  evidence?: string[];
  note?: string;
};

/** Sums in hundredths. */
export type Totals = {
  max: number;
  selfMax: number;
  surveyMax: number;
  self: number;
  appraised: number;
  survey: number;
};

export type Stage = {
  /** Appraised scores are present (they then replace the self-assessed ones in the points earned). */
  appraisal: boolean;
  /** Survey scores are present (they then count in the points earned and their maxima in the denominator). */
  survey: boolean;
};

export type SubResult = { sub: SubCriterion; entry: ScoreEntry };
export type CriterionResult = { criterion: Criterion; totals: Totals; subs: SubResult[] };
export type AreaResult = { area: Area; totals: Totals; criteria: CriterionResult[] };
export type SheetResult = { stage: Stage; overall: Totals; areas: AreaResult[] };

const zero = (): Totals => ({ max: 0, selfMax: 0, surveyMax: 0, self: 0, appraised: 0, survey: 0 });
const add = (a: Totals, b: Totals): Totals => ({
  max: a.max + b.max,
  selfMax: a.selfMax + b.selfMax,
  surveyMax: a.surveyMax + b.surveyMax,
  self: a.self + b.self,
  appraised: a.appraised + b.appraised,
  survey: a.survey + b.survey,
});

function subTotals(sub: SubCriterion, e: ScoreEntry): Totals {
  const max = toUnits(sub.max);
  return sub.kind === 'self'
    ? { max, selfMax: max, surveyMax: 0, self: toUnits(e.self ?? 0), appraised: toUnits(e.appraised ?? 0), survey: 0 }
    : { max, selfMax: 0, surveyMax: max, self: 0, appraised: 0, survey: toUnits(e.survey ?? 0) };
}

export function computeSheet(f: FrameworkDefinition, scores: Record<string, ScoreEntry>): SheetResult {
  const entries = Object.values(scores);
  const stage: Stage = {
    appraisal: entries.some((e) => e.appraised !== undefined),
    survey: entries.some((e) => e.survey !== undefined),
  };
  const areas = f.areas.map((area): AreaResult => {
    const criteria = area.criteria.map((criterion): CriterionResult => {
      const subs = criterion.subCriteria.map((sub) => ({ sub, entry: scores[sub.code] ?? {} }));
      return { criterion, subs, totals: subs.reduce((t, s) => add(t, subTotals(s.sub, s.entry)), zero()) };
    });
    return { area, criteria, totals: criteria.reduce((t, c) => add(t, c.totals), zero()) };
  });
  return { stage, areas, overall: areas.reduce((t, a) => add(t, a.totals), zero()) };
}

/** Points earned: the appraised points when there is an appraisal, else the self-assessed ones; plus the survey. */
export function earned(t: Totals, s: Stage): number {
  return (s.appraisal ? t.appraised : t.self) + (s.survey ? t.survey : 0);
}

/** The maximum of what was scored: the self-assessed part, plus the survey part once it is scored. */
export function scoredMax(t: Totals, s: Stage): number {
  return t.selfMax + (s.survey ? t.surveyMax : 0);
}

/** points / maximum x 100 as "91,94%"; "-" when nothing of the node was scored. */
export function indexText(points: number, max: number): string {
  return max === 0 ? '-' : formatPercent((points / max) * 100);
}

// ---- ranking ----

export type Band = { name: string; minIndex: number };
export type RankedInput = { name: string; points?: number; areaPoints?: Record<string, number>; note?: string };
export type Ranked = {
  name: string;
  note: string;
  /** Hundredths. */
  points: number;
  areaPoints?: Record<string, number>;
  rank: number;
  band: string;
};

/** True when points / max x 100 >= minIndex, exactly (no floating point at the boundary). */
function reaches(points: number, max: number, minIndex: number): boolean {
  return points * 10_000 >= toUnits(minIndex) * max;
}

export function bandOf(points: number, max: number, bands: Band[] | undefined): string {
  return bands?.find((b) => reaches(points, max, b.minIndex))?.name ?? '';
}

/**
 * Orders units by points earned (same maximum for all, so by index), highest first; equal points share a rank
 * and the next rank skips ("1, 2, 2, 4"). Units with equal points keep the order they were given in.
 */
export function rank(units: RankedInput[], f: FrameworkDefinition, bands: Band[] | undefined): Ranked[] {
  const max = toUnits(f.max);
  const scored = units.map((u) => {
    const areaPoints = u.areaPoints ? Object.fromEntries(f.areas.map((a) => [a.code, toUnits(u.areaPoints?.[a.code] ?? 0)])) : undefined;
    const points = areaPoints ? Object.values(areaPoints).reduce((s, x) => s + x, 0) : toUnits(u.points ?? 0);
    return { name: u.name, note: u.note ?? '', points, ...(areaPoints ? { areaPoints } : {}) };
  });
  const sorted = scored.map((u, i) => ({ u, i })).sort((a, b) => b.u.points - a.u.points || a.i - b.i);
  return sorted.map(({ u }) => ({
    ...u,
    rank: 1 + scored.filter((o) => o.points > u.points).length,
    band: bandOf(u.points, max, bands),
  }));
}
