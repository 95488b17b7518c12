import { expect } from 'chai';
import { normalisePhone } from '../../plugin/domain/phone.js';
import { searchKey, searchTerms } from '../../plugin/domain/search-key.js';
import { isValidAfm } from '../../plugin/domain/tax-id.js';

describe('searching Greek names', () => {
  const same: [string, string][] = [
    ['Παπαδόπουλος', 'papadopoulos'],
    ['Παπαδόπουλος', 'ΠΑΠΑΔΟΠΟΥΛΟΣ'],
    ['Παπαδόπουλος', 'παπαδοπουλος'],
    ['Οδυσσέας', 'ΟΔΥΣΣΕΑΣ'],
    ['Μπακογιάννης', 'bakogiannis'],
    ['Μπακογιάννης', 'mpakogiannhs'],
    ['Αγγελική', 'aggeliki'],
    ['Αγγελική', 'angeliki'],
    ['Χρήστος', 'christos'],
    ['Χρήστος', 'xristos'],
    ['Ευαγγελία', 'evaggelia'],
    ['Οικονόμου', 'oikonomou'],
    ['Ντόρα', 'dora'],
    ['Ζωή', 'zoi'],
  ];
  for (const [greek, typed] of same) {
    it(`finds «${greek}» by «${typed}»`, () => expect(searchKey(typed)).to.equal(searchKey(greek)));
  }

  it('treats final sigma and sigma alike, and ignores accents and diaeresis', () => {
    expect(searchKey('Σωκράτης')).to.equal(searchKey('ΣΩΚΡΑΤΗΣ'));
    expect(searchKey('Ταΰγετος')).to.equal(searchKey('Ταυγετος'));
  });

  it('keeps different names apart', () => {
    expect(searchKey('Παπαδόπουλος')).not.to.equal(searchKey('Παπαδάκης'));
  });

  it('splits a query into terms that are all required', () => {
    expect(searchTerms('  Μαρία   Παπαδ ')).to.deep.equal(['maria', 'papad']);
    expect(searchTerms('<script>')).to.deep.equal(['script']);
    expect(searchTerms('%_')).to.deep.equal([]);
  });
});

describe('the tax id (ΑΦΜ) check digit', () => {
  it('accepts well-formed tax ids', () => {
    for (const afm of ['090000045', '094019245', '997637140']) expect(isValidAfm(afm), afm).to.equal(true);
  });
  it('refuses a wrong check digit, wrong length, letters and all zeros', () => {
    for (const afm of ['090000046', '09000004', '0900000450', '09000004A', '000000000', '']) expect(isValidAfm(afm), afm).to.equal(false);
  });
});

describe('phone numbers', () => {
  it('reads Greek mobiles and landlines and international numbers to E.164', () => {
    expect(normalisePhone('6912345678')).to.equal('+306912345678');
    expect(normalisePhone('210 1234567')).to.equal('+302101234567');
    expect(normalisePhone('+30 2310 123456')).to.equal('+302310123456');
    expect(normalisePhone('+44 20 7946 0958')).to.equal('+442079460958');
  });
  it('refuses what cannot be a phone number', () => {
    for (const bad of ['12345', '691234567', 'τηλέφωνο', '+30 123']) expect(normalisePhone(bad), bad).to.equal(null);
  });
});
