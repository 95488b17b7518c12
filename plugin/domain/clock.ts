/**
 * What time it is for the plugin's rules: booking windows, holds and cool-downs, the jobs, token
 * expiry. Passed to `createRantevou({ clock })` so that a test, or a rehearsal of a day, says the
 * time instead of waiting for it; the default is the machine's clock.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
