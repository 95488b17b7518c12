import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Mustache from 'mustache';
import type { MessageView } from './message-view.js';

/** The templates that ship with the worker; a deployment's folder overrides them file by file. */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));

/** The messages there are templates for, one per outbox kind. */
export const TEMPLATE_KINDS = ['confirmation', 'change', 'cancellation', 'reminder', 'video-not-eligible', 'apology', 'waitlist-offer'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
/** The languages a citizen can book in. */
export const LANGUAGES = ['el', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A message as words: the subject, the plain text, the HTML page and the calendar event's title. */
export interface RenderedText {
  subject: string;
  text: string;
  html: string;
  calendarSummary: string;
}

/** Renders messages from templates read once, at creation. */
export interface MailTemplates {
  render(kind: TemplateKind, view: MessageView): RenderedText;
  /** The details block alone, in plain text: the description of the calendar event. */
  details(view: MessageView): string;
}

/** A template that is missing or does not parse; thrown at start, before any job is taken. */
export class MailTemplateError extends Error {
  override name = 'MailTemplateError';
}

const SHARED_FILES = ['details.txt', 'details.html', 'layout.html', 'calendar.txt'];
const plain = { escape: (value: unknown) => String(value) };

/**
 * Reads every template of every language, each from `overrideDir` when the deployment has it there
 * and from the defaults otherwise, and checks that each one parses, so a broken override stops the
 * worker at start instead of failing messages one by one.
 */
export function loadMailTemplates(overrideDir?: string | null): MailTemplates {
  const files = new Map<string, string>();
  for (const lang of LANGUAGES) {
    for (const name of [...SHARED_FILES, ...TEMPLATE_KINDS.flatMap((k) => [`${k}.txt`, `${k}.html`])]) {
      const key = `${lang}/${name}`;
      const path = [overrideDir && join(overrideDir, lang, name), join(DEFAULT_TEMPLATES_DIR, lang, name)].find((p) => p && existsSync(p));
      if (!path) throw new MailTemplateError(`The email template ${key} is missing.`);
      const source = readFileSync(path, 'utf8');
      try {
        Mustache.parse(source);
      } catch (err) {
        throw new MailTemplateError(`The email template ${path} does not parse: ${(err as Error).message}`);
      }
      if (name.endsWith('.txt') && !name.startsWith('details') && name !== 'calendar.txt' && !/^Subject:/.test(source)) {
        throw new MailTemplateError(`The email template ${path} must start with a "Subject: …" line.`);
      }
      files.set(key, source);
    }
  }
  const file = (lang: Language, name: string) => files.get(`${lang}/${name}`)!;

  return {
    render(kind, view) {
      const lang = view.lang;
      const [subjectLine = '', ...rest] = Mustache.render(file(lang, `${kind}.txt`), view, { details: file(lang, 'details.txt') }, plain).split('\n');
      // Names come from people: no line break may reach a header.
      const subject = subjectLine.replace(/^Subject:/, '').replace(/\s+/g, ' ').trim();
      const text = tidy(rest.join('\n'));
      const body = Mustache.render(file(lang, `${kind}.html`), view, { details: file(lang, 'details.html') });
      const html = Mustache.render(file(lang, 'layout.html'), { ...view, subject, body });
      const calendarSummary = Mustache.render(file(lang, 'calendar.txt'), view, {}, plain).replace(/\s+/g, ' ').trim();
      return { subject, text, html, calendarSummary };
    },
    details(view) {
      return tidy(Mustache.render(file(view.lang, 'details.txt'), view, {}, plain));
    },
  };
}

/** Trims the blank lines a template leaves at either end and collapses runs of them. */
function tidy(text: string): string {
  return text.replace(/\n{3,}/g, '\n\n').trim() + '\n';
}
