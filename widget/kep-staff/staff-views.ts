/**
 * The screens of the staff intranet, who may use each, and how a screen is written in the page's URL.
 * Pure functions, shared by `<kep-staff-app>`, `<kep-staff-nav>` and `<kep-staff-header>`, so that the
 * three always agree on what a person sees.
 */
import type { Me, StaffRole, StoreGrant } from '../shared/api.js';

/** A screen of the staff intranet; each is one `kep-*` element. */
export type StaffView = 'appointments' | 'live-queue' | 'queues' | 'procedures' | 'outbox' | 'webhooks' | 'reports';

/** What the `store` URL parameter holds to mean every KEP the person reads (the reports only). */
export const ALL_STORES = 'all';

interface ViewSpec {
  /** Whether the screen is about one KEP (every screen but the reports). */
  oneStore: boolean;
  /** Which roles at that KEP may use it: the server refuses the others anyway. */
  roles: readonly StaffRole[];
}

const EVERYONE: readonly StaffRole[] = ['operator', 'store_admin', 'supervisor'];

/** In the order of the navigation. */
const VIEWS: Record<StaffView, ViewSpec> = {
  appointments: { oneStore: true, roles: EVERYONE },
  'live-queue': { oneStore: true, roles: EVERYONE },
  queues: { oneStore: true, roles: EVERYONE },
  procedures: { oneStore: true, roles: EVERYONE },
  outbox: { oneStore: true, roles: ['store_admin'] },
  webhooks: { oneStore: true, roles: ['store_admin'] },
  reports: { oneStore: false, roles: EVERYONE },
};

/** Every screen, in the order of the navigation. */
export const STAFF_VIEWS = Object.keys(VIEWS) as StaffView[];

/** Whether `value` names a screen. */
export function isStaffView(value: unknown): value is StaffView {
  return typeof value === 'string' && Object.hasOwn(VIEWS, value);
}

/** Whether the screen shows one KEP (so "every KEP" asks the person to choose one first). */
export function needsOneStore(view: StaffView): boolean {
  return VIEWS[view].oneStore;
}

/** Where the person is: a screen, a KEP (or {@link ALL_STORES}), and the day of the appointments' screen. */
export interface StaffRoute {
  view: StaffView;
  storeId: string;
  date?: string;
}

/** The KEP `storeId` among the person's, if it is one of them. */
export function grantOf(me: Me, storeId: string): StoreGrant | undefined {
  return me.stores.find((s) => s.id === storeId);
}

/**
 * The screens the person may use with `storeId` chosen: those their role there allows, or, with every
 * KEP chosen, those some role of theirs allows.
 */
export function viewsFor(me: Me, storeId: string): StaffView[] {
  const grant = grantOf(me, storeId);
  const roles = grant ? [grant.role] : me.stores.map((s) => s.role);
  return STAFF_VIEWS.filter((v) => VIEWS[v].roles.some((r) => roles.includes(r)));
}

/** Whether the switcher offers "every KEP": to people who read several (a supervisor reads all). */
export function offersAllStores(me: Me): boolean {
  return me.stores.length > 1;
}

/**
 * The KEP shown when the URL names none: the supervisor's is every KEP (they start from the report of
 * all); anyone else's is their first KEP, so that the day's appointments show at once.
 */
export function defaultStore(me: Me): string {
  if (me.user.supervisor && offersAllStores(me)) return ALL_STORES;
  return me.stores[0]?.id ?? '';
}

/**
 * The route a URL query (`location.search`) means for this person: `view`, `store` and `date`, each
 * checked. The supervisor lands on the reports; anyone else, or a link with a `date`, on the appointments.
 * A screen the person may not use, or a KEP they do not have, gives way to the default.
 */
export function readRoute(search: string, me: Me): StaffRoute {
  const params = new URLSearchParams(search);
  const store = params.get('store') ?? '';
  const storeId = (store === ALL_STORES && offersAllStores(me)) || grantOf(me, store) ? store : defaultStore(me);
  const date = params.get('date') ?? undefined;
  const asked = params.get('view');
  const fallback: StaffView = me.user.supervisor && !date ? 'reports' : 'appointments';
  const allowed = viewsFor(me, storeId);
  const view = isStaffView(asked) && allowed.includes(asked) ? asked : allowed.includes(fallback) ? fallback : (allowed[0] ?? 'appointments');
  return view === 'appointments' && date ? { view, storeId, date } : { view, storeId };
}

/**
 * The URL query of a route, keeping the page's other parameters (`lang`, say): `?view=queues&store=…`.
 * The day goes only with the appointments' screen.
 */
export function routeSearch(route: StaffRoute, current = ''): string {
  const params = new URLSearchParams(current);
  params.set('view', route.view);
  if (route.storeId) params.set('store', route.storeId);
  else params.delete('store');
  if (route.view === 'appointments' && route.date) params.set('date', route.date);
  else params.delete('date');
  return `?${params}`;
}
