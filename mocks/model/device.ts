/**
 * The phone the component runs on: permissions, foreground/background, calls,
 * and hardware faults that only a device can produce. Participants subscribe
 * to changes; the rig's `rig.device` drives it.
 */
export type Permission = 'camera' | 'microphone';

/** Faults a real device produces on its own; a scenario injects them by name. */
export const DEVICE_FAULTS = [
  'camera-open-fail', // -1301 with permission granted (camera busy or broken)
  'mic-open-fail', // -1302
  'hw-encoder-fail', // 1103 then software encoding
  'video-encode-glitch', // 1104, encoder restarts itself
  'beauty-init-fail', // 1105
  'encode-bitrate-overflow', // 1106
  'encoder-sw-to-hw', // 1107 (Android)
  'video-encode-fail', // -1303
  'audio-encode-fail', // -1304
  'mic-no-data', // -1311 (Android)
  'hw-decoder-fail', // 2106 then software decoding
  'first-idr-hw-decode-fail', // 2108
  'video-decode-glitch', // 2101
  'audio-decode-glitch', // 2102
] as const;
export type DeviceFault = (typeof DEVICE_FAULTS)[number];

export type DeviceChange =
  | { type: 'background' }
  | { type: 'foreground' }
  | { type: 'permission'; permission: Permission; allowed: boolean }
  | { type: 'call-start' }
  | { type: 'call-end' }
  | { type: 'audio-route'; route: 'speaker' | 'headphones' }
  /** a native WeChat page (image preview, scanner, map…) opens over the mini-program, or closes */
  | { type: 'native-page'; open: boolean }
  /** the phone is turned, with the system's auto-rotate on */
  | { type: 'rotation'; orientation: 'portrait' | 'landscape' };

export class Device {
  private readonly permissions: Record<Permission, boolean> = { camera: true, microphone: true };
  private bg = false;
  private inCall = false;
  private native = false;
  private orientation: 'portrait' | 'landscape' = 'portrait';
  private readonly faults = new Set<DeviceFault>();
  private readonly listeners = new Set<(c: DeviceChange) => void>();

  subscribe(l: (c: DeviceChange) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  allowed(p: Permission): boolean {
    return this.permissions[p];
  }

  setPermission(p: Permission, allowed: boolean): void {
    this.permissions[p] = allowed;
    this.tell({ type: 'permission', permission: p, allowed });
  }

  get inBackground(): boolean {
    return this.bg;
  }

  get onCall(): boolean {
    return this.inCall;
  }

  background(): void {
    if (this.bg) return;
    this.bg = true;
    this.tell({ type: 'background' });
  }

  foreground(): void {
    if (!this.bg) return;
    this.bg = false;
    this.tell({ type: 'foreground' });
  }

  startCall(): void {
    if (this.inCall) return;
    this.inCall = true;
    this.tell({ type: 'call-start' });
  }

  endCall(): void {
    if (!this.inCall) return;
    this.inCall = false;
    this.tell({ type: 'call-end' });
  }

  audioRoute(route: 'speaker' | 'headphones'): void {
    this.tell({ type: 'audio-route', route });
  }

  nativePage(open: boolean): void {
    if (open === this.native) return;
    this.native = open;
    this.tell({ type: 'native-page', open });
  }

  rotate(orientation: 'portrait' | 'landscape'): void {
    if (orientation === this.orientation) return;
    this.orientation = orientation;
    this.tell({ type: 'rotation', orientation });
  }

  inject(fault: DeviceFault): void {
    if (!(DEVICE_FAULTS as readonly string[]).includes(fault)) {
      throw new Error(`[live-harness] Failed to inject device fault "${String(fault)}": it is not known. Use one of ${DEVICE_FAULTS.join(', ')}.`);
    }
    this.faults.add(fault);
  }

  clear(fault?: DeviceFault): void {
    if (fault) this.faults.delete(fault);
    else this.faults.clear();
  }

  has(fault: DeviceFault): boolean {
    return this.faults.has(fault);
  }

  private tell(c: DeviceChange): void {
    for (const l of [...this.listeners]) l(c);
  }
}
