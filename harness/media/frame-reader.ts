/**
 * A received FLV tag as the media link sees it: media or header, key frame or
 * not, and when it left the publisher — from the SEI clock in video frames,
 * or for audio from the registry of publishers in this process.
 */
import type { WireFrame } from '../../mocks/link';
import { type FlvTag, isKeyFrame, isSequenceHeader, readVideoSei, TAG_AUDIO, TAG_SCRIPT, TAG_VIDEO } from './flv';

/** FLV tag header: what the tag costs on the wire beyond its payload. */
const TAG_OVERHEAD = 11 + 4;

interface Amf {
  decodeAmf0Data(data: Buffer): { cmd?: string; dataObj?: Record<string, unknown> };
}

let amf: Amf | undefined;
function amf0(): Amf {
  // node-media-server's AMF codec (pinned 2.7.4, covered by the contract test): metadata is AMF0.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  amf ??= require('node-media-server/src/node_core_amf') as Amf;
  return amf;
}

function metadata(data: Buffer): { width?: number; height?: number; hasVideo?: boolean } | undefined {
  try {
    const d = amf0().decodeAmf0Data(data);
    if (d.cmd !== 'onMetaData') return undefined;
    const o = d.dataObj ?? {};
    const num = (v: unknown): number | undefined => (typeof v === 'number' && v > 0 ? v : undefined);
    return { width: num(o.width), height: num(o.height), hasVideo: 'videocodecid' in o || num(o.width) !== undefined };
  } catch {
    return undefined;
  }
}

/** The frame a player received, or undefined for data that is not the stream (|RtmpSampleAccess and other script calls). */
export function toWireFrame(tag: FlvTag, arrivalWallMs: number, audioSentAt?: (mediaMs: number) => number | undefined): WireFrame | undefined {
  const bytes = tag.data.length + TAG_OVERHEAD;
  if (tag.type === TAG_SCRIPT) {
    const meta = metadata(tag.data);
    return meta && { kind: 'meta', mediaMs: tag.timestamp, bytes, keyFrame: false, header: true, arrivalWallMs, ...meta };
  }
  const header = isSequenceHeader(tag);
  if (tag.type === TAG_VIDEO) {
    const sei = header ? { messages: [] } : readVideoSei(tag.data);
    return {
      kind: 'video',
      mediaMs: tag.timestamp,
      bytes,
      keyFrame: isKeyFrame(tag),
      header,
      arrivalWallMs,
      ...(sei.clock ? { sentWallMs: sei.clock.wallMs, seq: sei.clock.seq } : {}),
      ...(sei.messages.length ? { messages: sei.messages } : {}),
    };
  }
  const sent = tag.type === TAG_AUDIO && !header ? audioSentAt?.(tag.timestamp) : undefined;
  return { kind: 'audio', mediaMs: tag.timestamp, bytes, keyFrame: false, header, arrivalWallMs, ...(sent !== undefined ? { sentWallMs: sent } : {}) };
}
