/**
 * Moving focus inside a widget's shadow root, where the page's fragment links cannot reach.
 */
import type { ReactiveElement } from 'lit';

/** Moves focus to what `selector` finds in the element's render root once it has rendered the change that shows it. */
export async function focusAfterRender(host: ReactiveElement, selector: string): Promise<void> {
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
}

/** A link's click that moves focus to the control with id `id` in the link's own root, instead of following `#id`. */
export function focusField(event: Event, id: string): void {
  event.preventDefault();
  const root = (event.currentTarget as Node).getRootNode() as Document | ShadowRoot;
  root.querySelector<HTMLElement>(`#${CSS.escape(id)}`)?.focus();
}
