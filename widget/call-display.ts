/**
 * The waiting room's call display alone, bundled as `kep-call-display.js` for the screen's page:
 * much smaller than `rantevou.js`, which also carries the staff widgets. Loading it registers
 * `<kep-call-display>`.
 */
import './kep-call-display/define.js';

export { KepCallDisplay } from './kep-call-display/kep-call-display.js';
export type { DisplayCall } from './kep-call-display/call-display-api.js';
