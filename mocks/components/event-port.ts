/**
 * How a model's event reaches the page's bind* handler. In-process it is the
 * element's own triggerEvent; a target that runs the page elsewhere (WeChat
 * DevTools, a phone) delivers it through its protocol instead. The model and
 * the timeline do not change with the port.
 */
export interface LiveElementRef {
  /** the timeline source of the element: `pusher#id`, `player#id` */
  readonly source: string;
  readonly elementId: string;
  triggerEvent(name: string, detail: unknown): void;
}

export interface EventPort {
  deliver(element: LiveElementRef, type: string, detail: Record<string, unknown>): void;
}

/** Native components reach the logic layer asynchronously: a handler never runs inside the model's step. */
export const localEventPort: EventPort = {
  deliver(element, type, detail) {
    void Promise.resolve().then(() => element.triggerEvent(type, detail));
  },
};
