import { expect } from 'chai';
import { rebookOffered, videoAlertDueAt, videoRoomState, videoRoomToken, videoRoomUrl, type VideoRoomFacts } from '../../plugin/domain/video-room.js';

const at = (hhmm: string) => new Date(`2027-01-13T${hhmm}:00+02:00`);
const booked = (over: Partial<VideoRoomFacts> = {}): VideoRoomFacts => ({ status: 'booked', startsAt: at('10:00'), endsAt: at('10:20'), waitingAt: null, alertAt: null, callStartedAt: null, ...over });

describe('the video waiting room’s rules', () => {
  it('derives a token of 64 hex digits from the meeting link, not the meeting token, the same every time', () => {
    const link = 'https://meet.jit.si/kep-00112233445566778899aabbccddeeff';
    const token = videoRoomToken(link);
    expect(token).to.match(/^[0-9a-f]{64}$/).and.equal(videoRoomToken(link));
    expect(token).not.to.include('00112233445566778899aabbccddeeff');
    expect(videoRoomToken(`${link}0`)).not.to.equal(token);
    expect(videoRoomUrl('https://kep.example.gr/rantevou/', link)).to.equal(`https://kep.example.gr/rantevou/api/v1/public/video/${token}`);
  });

  it('opens ten minutes before the start and says what is happening, in order', () => {
    expect(videoRoomState(booked(), at('09:49'))).to.equal('early');
    expect(videoRoomState(booked(), at('09:50'))).to.equal('open');
    expect(videoRoomState(booked(), at('10:20'))).to.equal('over');
    expect(videoRoomState(booked({ waitingAt: at('09:58') }), at('10:30'))).to.equal('waiting');
    expect(videoRoomState(booked({ waitingAt: at('09:58'), alertAt: at('10:05') }), at('10:06'))).to.equal('alerted');
    expect(videoRoomState(booked({ waitingAt: at('09:58'), alertAt: at('10:05'), callStartedAt: at('10:07') }), at('10:08'))).to.equal('started');
    expect(videoRoomState(booked({ status: 'cancelled', waitingAt: at('09:58') }), at('10:00'))).to.equal('cancelled');
    expect(videoRoomState(booked({ status: 'served' }), at('10:00'))).to.equal('over');
  });

  it('is due the minutes after the later of the start and the waiting, and nobody waiting is never due', () => {
    expect(videoAlertDueAt(booked(), 5)).to.equal(null);
    expect(videoAlertDueAt(booked({ waitingAt: at('09:52') }), 5)).to.deep.equal(at('10:05'));
    expect(videoAlertDueAt(booked({ waitingAt: at('10:03') }), 5)).to.deep.equal(at('10:08'));
  });

  it('offers rebooking ten minutes after the alert, while nobody started the call', () => {
    const alerted = booked({ waitingAt: at('09:58'), alertAt: at('10:05') });
    expect(rebookOffered(alerted, at('10:14'))).to.equal(false);
    expect(rebookOffered(alerted, at('10:15'))).to.equal(true);
    expect(rebookOffered({ ...alerted, status: 'missed_by_staff' }, at('20:00'))).to.equal(true);
    expect(rebookOffered({ ...alerted, callStartedAt: at('10:10') }, at('10:30'))).to.equal(false);
    expect(rebookOffered({ ...alerted, status: 'cancelled' }, at('10:30'))).to.equal(false);
    expect(rebookOffered(booked({ waitingAt: at('09:58') }), at('11:00'))).to.equal(false);
  });
});
