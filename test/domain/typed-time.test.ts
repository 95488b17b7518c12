import { expect } from 'chai';
import { readTypedTime } from '../../plugin/domain/local-time.js';

const read = (text: string) => {
  const r = readTypedTime(text, 'Europe/Athens');
  return r.ok ? r.instant.toISOString() : r.reason;
};

describe('reading a typed time (Europe/Athens)', () => {
  it('the spring night: 03:00–03:59 do not exist, 02:59 and 04:00 do', () => {
    expect(read('2030-03-31T02:59')).to.equal('2030-03-31T00:59:00.000Z');
    expect(read('2030-03-31T03:00')).to.equal('gap');
    expect(read('2030-03-31T03:59')).to.equal('gap');
    expect(read('2030-03-31T04:00')).to.equal('2030-03-31T01:00:00.000Z');
  });

  it('the autumn night: 03:30 is its first occurrence, an offset picks either', () => {
    expect(read('2030-10-27T03:30')).to.equal('2030-10-27T00:30:00.000Z');
    expect(read('2030-10-27T03:30+03:00')).to.equal('2030-10-27T00:30:00.000Z');
    expect(read('2030-10-27T03:30+02:00')).to.equal('2030-10-27T01:30:00.000Z');
    expect(read('2030-10-27T04:00')).to.equal('2030-10-27T02:00:00.000Z');
  });

  it('offsets from −12:00 to +14:00 and Z; nothing beyond, no minutes past 59', () => {
    expect(read('2030-06-03T09:00+14:00')).to.equal('2030-06-02T19:00:00.000Z');
    expect(read('2030-06-03T09:00-12:00')).to.equal('2030-06-03T21:00:00.000Z');
    expect(read('2030-06-03T09:00:05.5Z')).to.equal('2030-06-03T09:00:05.500Z');
    for (const t of ['2030-06-03T09:00+99:00', '2030-06-03T09:00+14:01', '2030-06-03T09:00-12:01', '2030-06-03T09:00+02:60']) expect(read(t), t).to.equal('offset');
  });

  it('no rolling over: 30 February, 24:00 and second 60 are not times', () => {
    for (const t of ['2030-02-30T09:00', '2030-01-01T24:00', '2030-01-01T09:60', '2030-01-01T09:00:60', '2030-01-01 09:00', '2030-01-01']) expect(read(t), t).to.equal('invalid');
  });
});
