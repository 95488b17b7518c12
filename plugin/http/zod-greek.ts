import type { core } from 'zod';

/**
 * Greek messages for every zod issue a schema does not word itself (an unknown key, a number where
 * text was expected, a list too long). Schemas keep their own, more precise messages: zod asks this
 * map only when a check has none. zod's own Greek locale is not used: it leaves English type names
 * ("αναμενόταν string") and regular expressions in what a person reads.
 */
export const greekZodError: core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Συμπληρώστε αυτό το πεδίο.';
      if (issue.expected === 'int' && typeof issue.input === 'number') return 'Αναμενόταν ακέραιος αριθμός.';
      return `Αναμενόταν ${TYPES[issue.expected] ?? 'άλλος τύπος τιμής'}, όχι ${TYPES[received(issue.input)] ?? 'αυτή η τιμή'}.`;
    case 'too_big':
      return tooBig(issue.origin, String(issue.maximum), issue.inclusive !== false);
    case 'too_small':
      return tooSmall(issue.origin, String(issue.minimum), issue.inclusive !== false);
    case 'invalid_format':
      return FORMATS[issue.format] ?? 'Η τιμή δεν έχει την αναμενόμενη μορφή.';
    case 'invalid_value':
      if (issue.values.length === 1) return `Η τιμή πρέπει να είναι ${shown(issue.values[0])}.`;
      return `Επιτρεπτές τιμές: ${issue.values.map(shown).join(', ')}.`;
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => `«${k.slice(0, 60)}»`).join(', ');
      return issue.keys.length === 1 ? `Άγνωστο πεδίο ${keys}: αφαιρέστε το.` : `Άγνωστα πεδία ${keys}: αφαιρέστε τα.`;
    }
    case 'not_multiple_of':
      return `Η τιμή πρέπει να είναι πολλαπλάσιο του ${String(issue.divisor)}.`;
    case 'invalid_union':
      return 'Η τιμή δεν ταιριάζει σε καμία από τις επιτρεπτές μορφές.';
    case 'invalid_key':
      return 'Μη έγκυρο κλειδί.';
    case 'invalid_element':
      return 'Μη έγκυρη τιμή σε στοιχείο της λίστας.';
    default:
      return 'Μη έγκυρη τιμή.';
  }
};

const TYPES: Record<string, string> = {
  string: 'κείμενο',
  number: 'αριθμός',
  int: 'ακέραιος αριθμός',
  nan: 'αριθμός (όχι NaN)',
  bigint: 'ακέραιος αριθμός',
  boolean: 'true ή false',
  object: 'αντικείμενο',
  array: 'λίστα',
  tuple: 'λίστα',
  record: 'αντικείμενο',
  null: 'null',
  date: 'ημερομηνία',
  literal: 'συγκεκριμένη τιμή',
};

function received(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number') return Number.isNaN(input) ? 'nan' : 'number';
  return typeof input;
}

const UNITS: Record<string, [one: string, many: string]> = {
  string: ['χαρακτήρα', 'χαρακτήρες'],
  array: ['στοιχείο', 'στοιχεία'],
  set: ['στοιχείο', 'στοιχεία'],
  map: ['καταχώριση', 'καταχωρίσεις'],
  file: ['byte', 'bytes'],
};

function tooBig(origin: string, max: string, inclusive: boolean): string {
  const unit = UNITS[origin];
  if (unit) return `Έως ${max} ${max === '1' ? unit[0] : unit[1]}.`;
  return inclusive ? `Η τιμή πρέπει να είναι το πολύ ${max}.` : `Η τιμή πρέπει να είναι μικρότερη από ${max}.`;
}

function tooSmall(origin: string, min: string, inclusive: boolean): string {
  if (origin === 'string' && min === '1') return 'Συμπληρώστε αυτό το πεδίο.';
  const unit = UNITS[origin];
  if (unit) return `Τουλάχιστον ${min} ${min === '1' ? unit[0] : unit[1]}.`;
  return inclusive ? `Η τιμή πρέπει να είναι τουλάχιστον ${min}.` : `Η τιμή πρέπει να είναι μεγαλύτερη από ${min}.`;
}

const FORMATS: Record<string, string> = {
  email: 'Το email δεν είναι έγκυρο.',
  uuid: 'Μη έγκυρο αναγνωριστικό (UUID).',
  guid: 'Μη έγκυρο αναγνωριστικό (UUID).',
  url: 'Μη έγκυρη διεύθυνση (URL).',
  datetime: 'Η ημερομηνία και ώρα πρέπει να έχουν τη μορφή ΕΕΕΕ-ΜΜ-ΗΗTΩΩ:ΛΛ.',
  date: 'Η ημερομηνία πρέπει να έχει τη μορφή ΕΕΕΕ-ΜΜ-ΗΗ.',
  time: 'Η ώρα πρέπει να έχει τη μορφή ΩΩ:ΛΛ.',
  duration: 'Η διάρκεια δεν είναι έγκυρη.',
};

function shown(value: unknown): string {
  return typeof value === 'string' ? `«${value}»` : String(value);
}
