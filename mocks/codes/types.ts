export type CodeKind = 'event' | 'warning' | 'error';
export type Component = 'pusher' | 'player';
export type CodeSource = 'wechat' | 'liteav' | 'trtc' | 'observed';

export interface CodeEntry {
  readonly code: number;
  /** LiteAV constant name, or ours (then `note` says so) */
  readonly name: string;
  /** WeChat doc text where there is one, then an English gloss */
  readonly meaning: string;
  readonly kind: CodeKind;
  readonly component: Component;
  readonly platform?: 'ios' | 'android';
  readonly protocol?: 'room';
  readonly source: CodeSource;
  readonly confirmed: boolean;
  readonly note?: string;
}
