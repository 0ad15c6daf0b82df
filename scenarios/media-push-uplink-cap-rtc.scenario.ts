import { defineScenario } from '../harness/runner';

export default defineScenario({
  name: 'real media: a 300 kbps uplink cap under an HD anchor in RTC mode',
  description:
    'An HD anchor pushes in RTC mode (540×960, 200–1200 kbps) and watches itself; its uplink is capped at 300 kbps for 14 s. The pusher sees its send queue back up, warns 1101, re-encodes toward min-bitrate, and climbs back once the cap lifts; the viewer receives what the encoder makes.',
  needs: ['real-media'],
  setup: { page: 'pages/studio/studio', query: { mode: 'RTC', quality: 'hd', key: 'uplink' } },
  duration: '42s',
  timeline: [
    { at: '6s', do: { fault: 'shape', upKbps: 300 } },
    // Shaping back to the loopback's own uplink lifts the cap.
    { at: '20s', do: { fault: 'shape', upKbps: 1_000_000 } },
  ],
  expect: {
    sequences: [
      ['pusher#pusher 1002', 'network action', 'pusher#pusher 1006 within 4s'],
      ['pusher#pusher 1002', 'network action', 'pusher#pusher 1101 within 5s'],
    ],
    every: [
      {
        source: 'pusher#pusher',
        kind: 'netstatus',
        from: '6s',
        until: '20s',
        where: (i) => i.videoBitrate <= 1400,
        describe: 'reports go on through the cap',
      },
      {
        // The adaptation time (docs/adaptation.md): within 3 reports of the congestion; from 5 s after the cap on, the
        // encoder runs near min-bitrate (200). x264's rate control wanders ±40 % over one report (268 seen under load),
        // so the bound is the cap itself; one report may straddle a switch.
        source: 'pusher#pusher',
        kind: 'netstatus',
        from: '11s',
        until: '20s',
        where: (i) => i.videoBitrate <= 300 && i.videoBitrate >= 120,
        describe: 'the encoder near min-bitrate (200 kbps) while capped',
        allowOutliers: 1,
      },
      {
        // What the viewer receives follows the encoder (its figure spans 2 s of media, so it lags by one report; 323 seen under load).
        source: 'player#monitor',
        kind: 'netstatus',
        from: '13s',
        until: '20s',
        where: (i) => i.videoBitrate <= 380,
        describe: 'the viewer receives the lower rate',
        allowOutliers: 1,
      },
      {
        // +15 % a report once the cap lifts: 200 → 1200 kbps in about 13 s (docs/adaptation.md), 2 s of slack.
        source: 'pusher#pusher',
        kind: 'netstatus',
        from: '36s',
        where: (i) => i.videoBitrate >= 800,
        describe: 'back near max-bitrate (1200 kbps) after the cap lifts',
        allowOutliers: 1,
      },
      {
        source: 'player#monitor',
        kind: 'netstatus',
        from: '37s',
        where: (i) => i.videoBitrate >= 700,
        describe: 'the viewer receives the higher rate again',
        allowOutliers: 1,
      },
    ],
    // A cap is not an outage: nobody reconnects, nobody gives up.
    never: ['pusher#pusher 1102', 'pusher#pusher -1307', 'player#monitor 2103', 'player#monitor -2301'],
    // 1101 at most once per 5 s.
    counts: [{ step: 'pusher#pusher 1101', min: 1, max: 3 }],
    noStorm: { maxPerSecond: 2 },
    page: { data: { pushStatus: 'pushing' } },
  },
});
