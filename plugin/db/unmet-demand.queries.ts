import type { EntityManager } from '@mikro-orm/core';
import type { UnmetDemandRow } from '../domain/report-waiting.js';
import { sqlEm } from './sql-em.js';

/** What one counted search names: never a person, only the KEP, what was sought and the week. */
export interface UnmetKey {
  storeId: string;
  /** Null when the search named no procedure (an API client, a citizen moving a booking). */
  procedureId: string | null;
  mode: 'in_person' | 'video';
  /** The Monday (local date) of the ISO week of the search. */
  week: string;
}

/** One counter row as the report reads it. */
export type UnmetRow = UnmetDemandRow;

/** A KEP near another, for the booking widget's suggestions. */
export interface NearbyStoreRow {
  id: string;
  name: string;
  municipality: string;
  address: string;
  /** Kilometres as the crow flies; null when one of the two KEPs has no coordinates. */
  distanceKm: number | null;
}

/**
 * The unmet-demand counters (table `unmet_demand`, see its migration) and where KEPs are. Counting
 * is one upsert: no row per search, nothing about who searched.
 */
export const unmetDemandQueries = {
  /** Adds one search (or one refused hold) to its counter. */
  async count(em: EntityManager, key: UnmetKey, kind: 'search' | 'hold'): Promise<void> {
    const column = kind === 'hold' ? 'holds' : 'searches';
    await sqlEm(em).execute(
      // A procedure id that names no procedure is counted as none rather than failing the counter.
      `insert into unmet_demand (store_id, procedure_id, mode, week, ${column}) values (?, (select id from procedure where id = ?::uuid), ?, ?, 1)
       on conflict (store_id, procedure_id, mode, week) do update set ${column} = unmet_demand.${column} + 1`,
      [key.storeId, key.procedureId, key.mode, key.week],
    );
  },

  /** The counters of these KEPs in the weeks whose Mondays are given, with the procedure's name; KEP scoping in the WHERE. */
  async rows(em: EntityManager, storeIds: readonly string[], mondays: readonly string[]): Promise<UnmetRow[]> {
    if (storeIds.length === 0 || mondays.length === 0) return [];
    const rows = await sqlEm(em).execute<{ store_id: string; procedure_id: string | null; procedure: string | null; mode: 'in_person' | 'video'; week: string; searches: number; holds: number }[]>(
      `select u.store_id, u.procedure_id, p.name as procedure, u.mode, to_char(u.week, 'YYYY-MM-DD') as week, u.searches, u.holds
         from unmet_demand u left join procedure p on p.id = u.procedure_id
        where u.store_id = any(array[?]::uuid[]) and u.week = any(array[?]::date[])
        order by u.store_id, u.week, u.mode, p.name nulls last`,
      [[...storeIds], [...mondays]] as never[],
      // Reports read from a replica when there is one.
      { connectionType: 'read' },
    );
    return rows.map((r) => ({
      storeId: r.store_id,
      procedureId: r.procedure_id,
      procedure: r.procedure,
      mode: r.mode,
      week: r.week,
      searches: Number(r.searches),
      holds: Number(r.holds),
    }));
  },

  /**
   * The KEPs that take public bookings in `mode` (and offer `procedureId`, when given) nearest to
   * `storeId`, nearest first, at most `limit`. Distance is the haversine distance when both KEPs have
   * coordinates; when either has none, a KEP of the same municipality counts as 0 km and one of the
   * same prefecture as {@link SAME_PREFECTURE_KM}, and any other is left out (nothing says it is near).
   */
  async nearby(em: EntityManager, storeId: string, mode: 'in_person' | 'video', procedureId: string | null, limit: number): Promise<NearbyStoreRow[]> {
    const rows = await sqlEm(em).execute<{ id: string; name: string; municipality: string; address: string; distance_km: number | null; rank_km: number }[]>(
      `with me as (select latitude, longitude, municipality, prefecture from store where id = ?),
       candidates as (
         select s.id, s.name, s.municipality, s.address,
                case when s.latitude is not null and me.latitude is not null then
                  2 * 6371 * asin(sqrt(power(sin(radians(s.latitude - me.latitude) / 2), 2)
                    + cos(radians(me.latitude)) * cos(radians(s.latitude)) * power(sin(radians(s.longitude - me.longitude) / 2), 2)))
                end as distance_km,
                s.municipality = me.municipality as same_municipality,
                s.prefecture is not null and s.prefecture = me.prefecture as same_prefecture
           from store s cross join me
          where s.id <> ?
            and exists (select 1 from queue q where q.store_id = s.id and q.public and q.active and q.mode = ?)
            and (?::uuid is null or exists (select 1 from store_procedure sp join procedure p on p.id = sp.procedure_id
                                            where sp.store_id = s.id and sp.procedure_id = ?::uuid and p.active)))
       select id, name, municipality, address, distance_km,
              coalesce(distance_km, case when same_municipality then 0 when same_prefecture then ? end) as rank_km
         from candidates
        where distance_km is not null or same_municipality or same_prefecture
        order by rank_km, name, id
        limit ?`,
      [storeId, storeId, mode, procedureId, procedureId, SAME_PREFECTURE_KM, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      municipality: r.municipality,
      address: r.address,
      distanceKm: r.distance_km === null ? null : Math.round(Number(r.distance_km) * 10) / 10,
    }));
  },
};

/** How far a KEP of the same prefecture is taken to be when coordinates are missing. */
export const SAME_PREFECTURE_KM = 30;
