/**
 * The add/edit form of a catalogue procedure, the GOV.UK way: labels above fields, hints, an error
 * next to each field and (in `<kep-procedures>`) a summary linking to them. The field markup is the
 * staff screen's own (`../kep-appointments/form-fields.ts`), so both forms read alike.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { textArea, textField } from '../kep-appointments/form-fields.js';
import { renderErrorSummary, type FieldProblem } from '../shared/error-summary.js';
import type { CatalogueProcedure, ProcedureInput } from './procedures-api.js';
import type { ProcedureMessages } from './procedures-i18n.js';

/** What the form holds: text as typed; `id` null for a new procedure. */
export interface ProcedureDraft {
  id: string | null;
  version: number;
  code: string;
  name: string;
  nameEn: string;
  video: '' | 'yes' | 'no';
  alternativeText: string;
  alternativeTextEn: string;
  bring: string;
  bringEn: string;
}

/** The ids of the form's controls, one per field of the API (`videoEligible` links to its first radio). */
const FIELD_IDS: Record<string, string> = {
  code: 'procedure-code',
  name: 'procedure-name',
  nameEn: 'procedure-name-en',
  videoEligible: 'procedure-video-yes',
  alternativeText: 'procedure-alternative',
  alternativeTextEn: 'procedure-alternative-en',
  bring: 'procedure-bring',
  bringEn: 'procedure-bring-en',
};

export function emptyDraft(): ProcedureDraft {
  return { id: null, version: 0, code: '', name: '', nameEn: '', video: '', alternativeText: '', alternativeTextEn: '', bring: '', bringEn: '' };
}

export function draftOf(p: CatalogueProcedure): ProcedureDraft {
  return {
    id: p.id,
    version: p.version,
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    video: p.videoEligible ? 'yes' : 'no',
    alternativeText: p.alternativeText ?? '',
    alternativeTextEn: p.alternativeTextEn ?? '',
    bring: p.bring.join('\n'),
    bringEn: (p.bringEn ?? []).join('\n'),
  };
}

/** The form's current values, kept in the draft so a re-render never loses what was typed. */
export function readDraft(form: HTMLFormElement, base: ProcedureDraft): ProcedureDraft {
  const data = new FormData(form);
  const value = (id: string) => String(data.get(id) ?? '');
  const video = value('procedure-video');
  return {
    ...base,
    code: value(FIELD_IDS.code!),
    name: value(FIELD_IDS.name!),
    nameEn: value(FIELD_IDS.nameEn!),
    video: video === 'yes' || video === 'no' ? video : '',
    alternativeText: value(FIELD_IDS.alternativeText!),
    alternativeTextEn: value(FIELD_IDS.alternativeTextEn!),
    bring: value(FIELD_IDS.bring!),
    bringEn: value(FIELD_IDS.bringEn!),
  };
}

/** What is plainly missing; the server checks the rest (lengths, the code's form, duplicates). */
export function draftProblems(d: ProcedureDraft, t: ProcedureMessages): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const missing = (field: keyof typeof t.errors, apiField: string, value: string) => {
    if (!value.trim()) problems.push({ field: FIELD_IDS[apiField]!, message: t.errors[field] });
  };
  missing('code', 'code', d.code);
  missing('name', 'name', d.name);
  missing('nameEn', 'nameEn', d.nameEn);
  if (!d.video) problems.push({ field: FIELD_IDS.videoEligible!, message: t.errors.video });
  if (d.video === 'no') missing('alternativeText', 'alternativeText', d.alternativeText);
  return problems;
}

export function toInput(d: ProcedureDraft): ProcedureInput {
  const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);
  return {
    code: d.code.trim(),
    name: d.name.trim(),
    nameEn: d.nameEn.trim(),
    videoEligible: d.video === 'yes',
    alternativeText: d.alternativeText.trim() || null,
    alternativeTextEn: d.alternativeTextEn.trim() || null,
    bring: lines(d.bring),
    bringEn: lines(d.bringEn).length ? lines(d.bringEn) : null,
  };
}

/** The control an API error `path` (`bring.2`, `videoEligible`) is about, if the form has it. */
export function fieldOfPath(path: string): string | null {
  return FIELD_IDS[path.split('.')[0] ?? ''] ?? null;
}

export interface FormHandlers {
  input: (event: Event) => void;
  submit: (event: SubmitEvent) => void;
  cancel: () => void;
}

export function renderProcedureForm(d: ProcedureDraft, problems: FieldProblem[], t: ProcedureMessages, title: string, on: FormHandlers): TemplateResult {
  const error = (api: string) => problems.find((p) => p.field === FIELD_IDS[api])?.message;
  const f = t.fields;
  const videoError = error('videoEligible');
  return html`<section class="procedure-form" part="form" aria-labelledby="procedure-form-title">
    <h3 id="procedure-form-title" tabindex="-1">${title}</h3>
    ${renderErrorSummary(problems, { id: 'procedure-errors', title: t.errorSummaryTitle, heading: 'h4' })}
    <p class="hint">${t.requiredNote}</p>
    <form novalidate @input=${on.input} @submit=${on.submit}>
      ${textField(FIELD_IDS.code!, d.code, { label: f.code, required: true, hint: t.hints.code, error: error('code'), errorPrefix: t.errorPrefix, size: 'medium' })}
      ${textField(FIELD_IDS.name!, d.name, { label: f.name, required: true, error: error('name'), errorPrefix: t.errorPrefix })}
      ${textField(FIELD_IDS.nameEn!, d.nameEn, { label: f.nameEn, required: true, error: error('nameEn'), errorPrefix: t.errorPrefix })}
      <div class="form-group ${videoError ? 'form-group--error' : ''}">
        <fieldset aria-describedby=${videoError ? 'procedure-video-error' : nothing}>
          <legend>${f.video}<span aria-hidden="true"> *</span></legend>
          ${videoError ? html`<p id="procedure-video-error" class="error-message"><span class="visually-hidden">${t.errorPrefix}</span> ${videoError}</p>` : nothing}
          <div class="choice"><input id="procedure-video-yes" type="radio" name="procedure-video" value="yes" .checked=${d.video === 'yes'} /><label for="procedure-video-yes">${t.yes}</label></div>
          <div class="choice"><input id="procedure-video-no" type="radio" name="procedure-video" value="no" .checked=${d.video === 'no'} /><label for="procedure-video-no">${t.no}</label></div>
        </fieldset>
      </div>
      ${textArea(FIELD_IDS.alternativeText!, d.alternativeText, { label: f.alternativeText, hint: t.hints.alternativeText, error: error('alternativeText'), errorPrefix: t.errorPrefix })}
      ${textArea(FIELD_IDS.alternativeTextEn!, d.alternativeTextEn, { label: f.alternativeTextEn, hint: t.hints.english, error: error('alternativeTextEn'), errorPrefix: t.errorPrefix })}
      ${textArea(FIELD_IDS.bring!, d.bring, { label: f.bring, hint: t.hints.bring, error: error('bring'), errorPrefix: t.errorPrefix })}
      ${textArea(FIELD_IDS.bringEn!, d.bringEn, { label: f.bringEn, hint: t.hints.english, error: error('bringEn'), errorPrefix: t.errorPrefix })}
      <div class="form-buttons">
        <button type="submit">${t.save}</button>
        <button type="button" @click=${on.cancel}>${t.cancel}</button>
      </div>
    </form>
  </section>`;
}
