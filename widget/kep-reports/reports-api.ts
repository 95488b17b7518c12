/**
 * The report endpoint as `<kep-reports>` uses it, on top of the shared {@link ApiClient}:
 * `GET /api/v1/reports` (JSON), and the paths of its CSV and printable forms.
 */
import type { ApiClient } from '../shared/api.js';

/** What happened to a KEP's appointments in the period (or in all of them). */
export interface ReportFigures {
  booked: number;
  cancelled: number;
  served: number;
  arrived: number;
  noShow: number;
  missedByStaff: number;
  unrecorded: number;
  upcoming: number;
  missedByStaffRate: number | null;
  leadTimeDays: { median: number | null; p90: number | null };
  bookedMinutes: number;
  offeredMinutes: number;
  utilisation: number | null;
  /** Arrival → call, or «Περιμένω» → call start: minutes. */
  waitingMinutes: { median: number | null; p90: number | null; count: number };
  /** Video calls started late (after the KEP's alert minutes), of those started. */
  lateVideoStarts: { count: number; started: number; rate: number | null };
  /** Arrived or waited on video, and not served. */
  waitedNotServed: number;
  /** Public searches (and holds) that found no free time within the configured days. */
  unmetDemand: number;
}

/** One KEP's line, with its weekly series. */
export interface KepReportLine extends ReportFigures {
  storeId: string;
  code: string;
  name: string;
  municipality: string;
  series: { booked: number[]; served: number[]; missedByStaff: number[] };
}

/** The report: the Mondays of its weeks, the KEPs worst first, the totals. */
export interface Report {
  from: string;
  to: string;
  generatedAt: string;
  weeks: string[];
  stores: KepReportLine[];
  totals: ReportFigures;
}

/** What a report is asked for. */
export interface ReportRequest {
  from: string;
  to: string;
  storeId?: string;
}

/** The path of the report in `format` (json, csv or html), from the plugin's root: `api.href()` makes it a link. */
export function reportPath(request: ReportRequest, format: 'json' | 'csv' | 'html' = 'json'): string {
  const query = new URLSearchParams({ from: request.from, to: request.to });
  if (request.storeId) query.set('storeId', request.storeId);
  if (format !== 'json') query.set('format', format);
  return `/api/v1/reports?${query}`;
}

/** Reads the report; a failure is thrown as a `ProblemError`. */
export const fetchReport = (api: ApiClient, request: ReportRequest, signal?: AbortSignal) => api.request<Report>('GET', reportPath(request), { signal });
