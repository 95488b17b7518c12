/**
 * The catalogue and offer endpoints as `<kep-procedures>` uses them, on top of the shared
 * {@link ApiClient}.
 */
import type { ApiClient, Me } from '../shared/api.js';

/** `GET /api/v1/me` with the catalogue flag of newer servers. */
export type CatalogueMe = Me & { canEditCatalogue?: boolean };

/** What an editor writes; `PATCH` takes any subset. */
export interface ProcedureInput {
  code: string;
  name: string;
  nameEn: string;
  videoEligible: boolean;
  alternativeText: string | null;
  alternativeTextEn: string | null;
  bring: string[];
  bringEn: string[] | null;
}

/** A procedure as the catalogue's editors see it (retired ones too), with its version. */
export interface CatalogueProcedure extends ProcedureInput {
  id: string;
  active: boolean;
  /** Sent back in `If-Match`, so a stale edit is refused rather than overwriting. */
  version: number;
}

/** A procedure of the catalogue, as the KEP sees it: active ones only, with the KEP's choice. */
export type StoreProcedure = Pick<CatalogueProcedure, 'id' | 'code' | 'name' | 'nameEn' | 'videoEligible' | 'alternativeText' | 'bring' | 'active'> & {
  offered: boolean;
};

export const listForStore = (api: ApiClient, storeId: string) => api.storeRequest<{ items: StoreProcedure[] }>(storeId, 'GET', '/procedures');

export const setOffered = (api: ApiClient, storeId: string, procedureId: string, offered: boolean, csrfToken: string) =>
  api.storeRequest<StoreProcedure>(storeId, 'PUT', `/procedures/${encodeURIComponent(procedureId)}`, { body: { offered }, csrfToken });

export const listCatalogue = (api: ApiClient) => api.request<{ canEdit: boolean; items: CatalogueProcedure[] }>('GET', '/api/v1/procedures');

export const getProcedure = (api: ApiClient, id: string) => api.request<CatalogueProcedure>('GET', `/api/v1/procedures/${encodeURIComponent(id)}`);

export const createProcedure = (api: ApiClient, body: ProcedureInput, csrfToken: string) =>
  api.request<CatalogueProcedure>('POST', '/api/v1/procedures', { body, csrfToken });

export const updateProcedure = (api: ApiClient, id: string, version: number, body: Partial<ProcedureInput> & { active?: boolean }, csrfToken: string) =>
  api.request<CatalogueProcedure>('PATCH', `/api/v1/procedures/${encodeURIComponent(id)}`, { body, csrfToken, headers: { 'If-Match': `"${version}"` } });
