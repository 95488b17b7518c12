import { css } from 'lit';
import { sharedStyles } from '../shared/styles.js';

/**
 * The blue gov.gr bar: white text on `--kep-primary` (12:1), white controls, the yellow focus. Kept
 * to one line at 1280 px and more, so that the day's appointments stay in the first screen.
 */
export const headerStyles = [
  sharedStyles,
  css`
    header {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.25rem;
      align-items: center;
      padding: 0.5rem 1.5rem;
      color: #ffffff;
      background: var(--_primary);
    }

    .brand {
      margin-inline-end: auto;
      font-size: 1.25rem;
      font-weight: 700;
    }

    .person {
      display: flex;
      flex-direction: column;
      margin: 0;
      line-height: 1.25;
      text-align: end;
    }

    .name {
      font-weight: 700;
    }

    .role {
      font-size: 0.875rem;
    }

    form {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      margin: 0;
    }

    select {
      inline-size: auto;
      max-inline-size: 24rem;
      padding-block: 0.25rem;
      border-color: #ffffff;
    }

    button {
      min-block-size: 2.25rem;
      padding: 0.25rem 0.875rem;
      border: 2px solid #ffffff;
      border-radius: 0;
      color: #ffffff;
      background: transparent;
      font: inherit;
      font-weight: 700;
      cursor: pointer;
    }

    button:hover {
      color: var(--_primary);
      background: #ffffff;
    }

    a {
      color: #ffffff;
      font-weight: 700;
    }
  `,
];

/** The sections under the bar: links with a bar under the current one, as GOV.UK's service navigation. */
export const navStyles = [
  sharedStyles,
  css`
    nav {
      padding: 0 1.5rem;
      border-bottom: 1px solid var(--_border);
      background: var(--_background);
    }

    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1.5rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }

    a {
      display: inline-block;
      padding: 0.625rem 0 0.375rem;
      border-bottom: 4px solid transparent;
      color: var(--_primary);
      font-weight: 700;
      text-decoration: none;
    }

    a:hover {
      text-decoration: underline;
    }

    a[aria-current='page'] {
      border-bottom-color: var(--_primary);
    }
  `,
];

/** The shell around the screen: the page's width, a compact heading. */
export const appStyles = [
  sharedStyles,
  css`
    /* Aligned with the bar and the sections above, as an application's screen rather than a page's column. */
    main {
      max-inline-size: 90rem;
      padding: 0 1.5rem 1.5rem;
    }

    h1 {
      margin: 0.75rem 0 0.5rem;
      font-size: 1.5rem;
      line-height: 1.25;
    }

    /* Focused by the shell when the screen changes, not by the person: no ring (GOV.UK does the same). */
    h1:focus {
      outline: none;
    }

    .loading {
      padding: 1rem 1.5rem;
    }

    .store-list a {
      color: var(--kep-link, #0065b3);
    }
  `,
];
